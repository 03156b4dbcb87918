// The contract suite's engine, grouped. Framework-free: the CLI, the reporters and the vitest adapter are
// built on these; `imagegen-mock` exports them, and `imagegen-mock/contract` adds `defineContractSuite`.

// Run and plan
export { runContract, type RunHooks } from './engine/run-contract.js';
export { planContract } from './engine/plan.js';
export { CONTRACT_DEFAULTS } from './engine/options.js';
export { ContractConnectionError, ContractCredentialsError } from './engine/contract-error.js';

// Checks
export { listChecks, CHECK_IDS } from './checks/catalogue.js';
export { REJECT_CASES } from './engine/negative-corpus.js';

// Providers
export { generationUrl, authHeader, AZURE_DEFAULT_API_VERSION } from './engine/providers.js';

// Report helpers
export { redactHeaders, toCurl } from './engine/redact.js';
export { summarize } from './engine/summarize.js';

// Images
export { inspectImage, type ImageInspection, type ImageFormat } from './inspect/inspect-image.js';

// Vocabulary
export type {
  Severity,
  CheckStatus,
  ProviderKind,
  ProviderOptions,
  ContractOptions,
  PlannedRequest,
  Exchange,
  CheckDefinition,
  CheckResult,
  ContractSummary,
  ContractReport,
  ContractEvent,
  ContractPlan,
  ReturnedImage,
} from './engine/types.js';
