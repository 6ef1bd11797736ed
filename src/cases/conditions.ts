/**
 * The merchant's rule conditions (`autoApprove[].when`, `routing[].when`): a rule matches when all
 * of its conditions hold. One evaluator for both so the admin editor explains them the same way.
 */
import type { Condition } from './policy-schema';

/** The facts a condition can look at; list-valued facts match when any member does. */
export interface RuleFacts {
  reason: string[];
  orderValueMinor: number;
  itemValueMinor: number;
  customerTag: string[];
  productType: string[];
  resolution: string | null;
  customerReturns: number;
}

function compare(actual: string | number, op: Condition['op'], expected: Condition['value']): boolean {
  switch (op) {
    case 'eq':
      return actual === expected;
    case 'neq':
      return actual !== expected;
    case 'in':
      return Array.isArray(expected) && expected.includes(actual);
    case 'lt':
      return typeof actual === 'number' && typeof expected === 'number' && actual < expected;
    case 'lte':
      return typeof actual === 'number' && typeof expected === 'number' && actual <= expected;
    case 'gt':
      return typeof actual === 'number' && typeof expected === 'number' && actual > expected;
    case 'gte':
      return typeof actual === 'number' && typeof expected === 'number' && actual >= expected;
  }
}

export function conditionHolds(c: Condition, facts: RuleFacts): boolean {
  const actual = facts[c.field];
  if (actual === null) return c.op === 'neq';
  if (Array.isArray(actual)) {
    // "neq" on a list means none of its members equals the value; the rest match if any member does.
    if (c.op === 'neq') return actual.every((a) => compare(a, 'neq', c.value));
    return actual.some((a) => compare(a, c.op, c.value));
  }
  return compare(actual, c.op, c.value);
}

export function ruleMatches(when: Condition[], facts: RuleFacts): boolean {
  return when.every((c) => conditionHolds(c, facts));
}
