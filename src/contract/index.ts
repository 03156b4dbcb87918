// The contract suite's engine, grouped. Framework-free: the CLI, the reporters and the vitest adapter are
// built on these; `imagegen-mock` exports them, and `imagegen-mock/contract` adds `defineContractSuite`.

// Run and plan
export { runContract, type RunHooks } from './run-contract.js';
export { planContract } from './plan.js';
export { CONTRACT_DEFAULTS } from './options.js';
export { ContractConnectionError, ContractCredentialsError } from './contract-error.js';

// Checks
export { listChecks, CHECK_IDS, REJECT_CASES } from './checks/catalogue.js';

// Providers
export { generationUrl, authHeader, AZURE_DEFAULT_API_VERSION } from './providers.js';

// Report helpers
export { redactHeaders, toCurl } from './redact.js';
export { summarize } from './summarize.js';

// Images
export { inspectImage, type ImageInspection, type ImageFormat } from './inspect-image.js';

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
} from './types.js';
