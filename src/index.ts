// The package's public surface, grouped. The CLI (`imagegen-mock`) is built on these.

// Server
export { createApp, APP_DEFAULTS, type AppOptions } from './http/create-app.js';
export { startServer, SERVER_DEFAULTS, type ServerOptions, type RunningServer } from './http/start-server.js';
export type { RequestLogEntry, LogFormat } from './http/request-log.js';
export { formatLogEntry } from './http/request-log.js';

// Request journal
export type {
  JournalEntry,
  JournalFile,
  JournalFault,
  JournalImage,
  JournalOutcome,
} from './journal/index.js';

// Contract
export { loadSpec, createSpec, DEFAULT_SPEC_PATH, type Spec } from './openapi/load-spec.js';
export { parseModelTable, MODEL_TABLE_KEY, type ModelProfile, type ModelTable } from './openapi/models.js';

// Contract suite (framework-free; `imagegen-mock/contract` adds the vitest adapter)
export {
  runContract,
  planContract,
  listChecks,
  CHECK_IDS,
  CONTRACT_DEFAULTS,
  ContractConnectionError,
  toCurl,
  redactHeaders,
  type RunHooks,
  type ContractOptions,
  type ProviderOptions,
  type ContractReport,
  type ContractPlan,
  type CheckResult,
  type CheckDefinition,
  type ContractEvent,
} from './contract/index.js';

// Images
export { renderPng, type ImageParams } from './images/index.js';
export { renderImage, IMAGE_MEDIA_TYPES, type RenderParams } from './images/index.js';

// Errors
export { ApiError, ConfigError, errors, type ErrorBody, type ErrorDialect } from './errors.js';
