// `imagegen-mock/contract`: `defineContractSuite` for vitest users, and the framework-free engine it is built
// on. This path loads vitest (an optional peer dependency, present wherever the suite runs); the engine alone
// is also exported from `imagegen-mock`, which never loads vitest.
export * from './index.js';
export { defineContractSuite, type ContractSuiteOptions } from './vitest.js';
