import { definitionOf, type ContractCheck } from '../engine/check.js';
import type { CheckDefinition } from '../engine/types.js';
import { AUTH_CHECKS } from './auth-checks.js';
import { DETERMINISM_CHECK } from './determinism-check.js';
import { EDIT_CHECKS } from './edit-checks.js';
import { ERROR_CHECKS } from './error-checks.js';
import { IMAGE_CHECKS } from './image-checks.js';
import { REJECT_CHECKS } from './reject-checks.js';
import { RESPONSE_CHECKS } from './response-checks.js';
import { TRANSPORT_CHECKS } from './transport-checks.js';

/**
 * Every check, in report order: the one list the planner, the run, `--list`, `--only/--skip` and the
 * README's table are held to. MUST fails the run; SHOULD warns.
 */
export const CHECKS: readonly ContractCheck[] = [
  ...RESPONSE_CHECKS,
  ...IMAGE_CHECKS,
  ...EDIT_CHECKS,
  ...REJECT_CHECKS,
  ...ERROR_CHECKS,
  ...AUTH_CHECKS,
  ...TRANSPORT_CHECKS,
  DETERMINISM_CHECK,
];

/** Every check id, in report order. */
export const CHECK_IDS: readonly string[] = CHECKS.map((check) => check.id);

/**
 * The checks, as plain data (a copy), in report order.
 *
 * @example
 * for (const check of listChecks()) console.log(check.severity, check.id, check.title);
 */
export function listChecks(): CheckDefinition[] {
  return CHECKS.map(definitionOf);
}

/** Whether `id` is picked by one of `patterns`: an exact id or a prefix ending at a dot (`image.` or `image`). */
export function matchesCheck(id: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => {
    const prefix = pattern.endsWith('.') ? pattern : `${pattern}.`;
    return id === pattern || id.startsWith(prefix);
  });
}

/** The checks `only` and `skip` leave, in report order. */
export function selectChecks(
  only: readonly string[] | undefined,
  skip: readonly string[] | undefined,
): ContractCheck[] {
  return CHECKS.filter(
    (check) =>
      (!only || only.length === 0 || matchesCheck(check.id, only)) && !matchesCheck(check.id, skip ?? []),
  );
}
