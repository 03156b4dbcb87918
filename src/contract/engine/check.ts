import type { Evidence } from './evidence.js';
import type { CheckDefinition, PlannedRequest } from './types.js';

/** What a check's `evaluate` returns: the run adds the definition, timing and the curl repro. */
export type Verdict =
  | { status: 'pass'; reason: string }
  | { status: 'skip'; reason: string }
  | { status: 'fail'; reason: string; request?: PlannedRequest };

/**
 * The plan steps a check judges, by purpose (`generate.b64`, `reject.n-zero`, ...): with `all`, it needs
 * every one of them planned, otherwise any one will do. A check none of whose steps can be planned is
 * skipped with the first step's reason.
 */
export interface CheckNeeds {
  purposes: readonly string[];
  all?: boolean;
}

/**
 * When the run evaluates a check:
 * - `its-steps` (the default): once its own requests are answered (generation answers with their images);
 * - `all-sent`: once every request of the run is answered, e.g. a rejection, which means something only
 *   beside the provider's other answers;
 * - `everything`: once every answer and image URL fetch is in; such a check starts with the first request.
 */
export type CheckWait = 'its-steps' | 'all-sent' | 'everything';

/** One check, defined once: what it is, which requests it wants, when it runs and how it judges. */
export interface ContractCheck extends CheckDefinition {
  needs: CheckNeeds;
  waitsFor?: CheckWait;
  /** A plain function of the evidence: no I/O, no clock, no framework. */
  evaluate(evidence: Evidence): Verdict;
}

/** The check as plain data (no functions), as plans, events and results carry it. */
export function definitionOf({ id, title, severity }: CheckDefinition): CheckDefinition {
  return { id, title, severity };
}
