/** How the policy and SLA forms show stored values (the forms parse them back in src/admin/policy-form.ts). */
import type { Condition, Fee } from '../../cases/policy-schema';
import { toDecimal } from '../../lib/money';

export const feeValue = (fee: Fee, currency: string) =>
  fee.kind === 'percent'
    ? String(fee.basisPoints / 100)
    : fee.kind === 'fixed'
      ? toDecimal(fee.amountMinor, currency)
      : '';

export const priorities = ['urgent', 'high', 'normal', 'low'] as const;
export const weekdays = [
  ['1', 'Monday'],
  ['2', 'Tuesday'],
  ['3', 'Wednesday'],
  ['4', 'Thursday'],
  ['5', 'Friday'],
  ['6', 'Saturday'],
  ['7', 'Sunday'],
] as const;

export const formatIntervals = (xs: Array<{ open: string; close: string }> | undefined) =>
  (xs ?? []).map((x) => `${x.open}-${x.close}`).join(', ');

/**
 * The fields a rule condition can test: exactly the facts the engine fills (`RuleFacts` in
 * src/cases/conditions.ts; the record's type makes a new engine field a compile error here), and
 * what kind of value each one holds, which decides the menu and the operators offered.
 */
export type RuleFieldKind = 'choice' | 'tag' | 'money' | 'count';
export const ruleFieldKinds = {
  reason: 'choice',
  resolution: 'choice',
  customerTag: 'tag',
  productType: 'tag',
  orderValueMinor: 'money',
  itemValueMinor: 'money',
  customerReturns: 'count',
} as const satisfies Record<Condition['field'], RuleFieldKind>;
export type RuleField = keyof typeof ruleFieldKinds;
export const ruleFields = Object.keys(ruleFieldKinds) as RuleField[];
export const isRuleField = (f: string): f is RuleField => Object.hasOwn(ruleFieldKinds, f);

export type RuleOp = Condition['op'];
export const allOps: readonly RuleOp[] = ['eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte'];
/** The operators offered for a field (a rule imported as JSON keeps its own even when not offered). */
export function opsFor(field: string): RuleOp[] {
  const kind = isRuleField(field) ? ruleFieldKinds[field] : 'tag';
  return kind === 'choice' || kind === 'tag' ? ['eq', 'neq', 'in'] : ['gte', 'gt', 'lte', 'lt', 'eq', 'neq'];
}

/** What a shopper's request can resolve to (the `resolution` fact). */
export const resolutionValues = ['refund', 'store_credit', 'exchange'] as const;
export const decisions = ['approve', 'review', 'reject'] as const;
export const caseTypes = ['return', 'exchange', 'warranty', 'complaint'] as const;
export const tiers = ['1', '2', '3'] as const;
