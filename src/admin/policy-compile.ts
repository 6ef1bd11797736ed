/**
 * The editor's rows → the policy's reasons and rule objects, exactly what the engine evaluates
 * (`evaluateRequest`, `classify`). Each problem names the form field it belongs to and a message
 * key, so the page shows it next to that field in the member's language.
 */
import type { AutoApproveRule, Condition, ReasonRule, RoutingRule } from '../cases/policy-schema';
import { priorityEnum } from '../cases/policy-schema';
import type { AdminKey } from '../i18n/admin';
import { parseDecimal } from '../lib/money';
import { allOps, caseTypes, decisions, isRuleField, ruleFieldKinds, tiers } from '../views/admin/policy-format';
import type { ConditionDraft, PolicyDraft, ReasonDraft, RuleDraft, RuleSet } from './policy-draft';

export interface PolicyError {
  /** The form field's name (`reason.2.code`), or a section (`reasons`). */
  field: string;
  key: AdminKey;
  vars?: Record<string, string | number>;
}

export interface CompiledRows {
  reasons: ReasonRule[];
  autoApprove: AutoApproveRule[];
  routing: RoutingRule[];
}

const CODE = /^[a-z0-9_]{1,64}$/;
const oneOf = <T extends string>(xs: readonly T[], v: string): v is T => (xs as readonly string[]).includes(v);

/** A code for a new reason from its English label (or `reason`), unique among `taken`. */
export function codeFor(label: string, taken: Set<string>): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'reason';
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}_${n}`;
  return code;
}

function compileReason(r: ReasonDraft, row: string, codes: Codes, errors: PolicyError[]): ReasonRule {
  const label = Object.fromEntries(Object.entries(r.label).filter(([, v]) => v !== ''));
  const code = r.saved || r.code ? r.code : codeFor(label.en ?? '', new Set([...codes.taken, ...codes.stored]));
  if (!CODE.test(code)) errors.push({ field: `${row}.code`, key: 'policy.error.code' });
  else if (codes.taken.has(code) || (!r.saved && codes.stored.has(code)))
    errors.push({ field: `${row}.code`, key: 'policy.error.codeTaken', vars: { code } });
  codes.taken.add(code);
  if (Object.keys(label).length === 0) errors.push({ field: `${row}.label.en`, key: 'policy.error.label' });
  for (const [l, v] of Object.entries(label))
    if (v.length > 200) errors.push({ field: `${row}.label.${l}`, key: 'policy.error.tooLong', vars: { max: 200 } });
  const choice = (name: string, ok: boolean) => {
    if (!ok) errors.push({ field: `${row}.${name}`, key: 'policy.error.choice' });
  };
  choice('shippingPaidBy', r.shippingPaidBy === 'customer' || r.shippingPaidBy === 'merchant');
  choice('priority', r.priority === '' || oneOf(priorityEnum.options, r.priority));
  choice('caseType', r.caseType === '' || oneOf(caseTypes, r.caseType));
  return {
    code,
    label,
    photoRequired: r.photoRequired,
    shippingPaidBy: r.shippingPaidBy === 'merchant' ? 'merchant' : 'customer',
    waiveFees: r.waiveFees,
    ...(oneOf(priorityEnum.options, r.priority) ? { priority: r.priority } : {}),
    ...(oneOf(caseTypes, r.caseType) ? { caseType: r.caseType } : {}),
    ...(r.retired ? { retired: true } : {}),
  };
}

interface Codes {
  /** Codes of the rows compiled so far. */
  taken: Set<string>;
  /** Codes of the stored rows: a new row may not take one, wherever it sits. */
  stored: Set<string>;
}

export function compileReasons(rows: ReasonDraft[], errors: PolicyError[]): ReasonRule[] {
  const codes: Codes = { taken: new Set(), stored: new Set(rows.filter((r) => r.saved).map((r) => r.code)) };
  const reasons = rows.map((r, i) => compileReason(r, `reason.${i}`, codes, errors));
  if (!reasons.some((r) => !r.retired)) errors.push({ field: 'reasons', key: 'policy.error.noReasons' });
  return reasons;
}

/** One typed value of a condition: minor units for money, a whole number for counts, else the text. */
function conditionValue(field: string, v: string, currency: string): string | number | null {
  const kind = isRuleField(field) ? ruleFieldKinds[field] : 'tag';
  if (kind === 'money') {
    try {
      return parseDecimal(v, currency);
    } catch {
      return null;
    }
  }
  if (kind === 'count') return /^\d{1,6}$/.test(v) ? Number(v) : null;
  return v.slice(0, 200);
}

function compileCondition(c: ConditionDraft, row: string, currency: string, errors: PolicyError[]): Condition {
  const err = (key: AdminKey, vars?: Record<string, string | number>) =>
    errors.push({ field: `${row}.value`, key, ...(vars ? { vars } : {}) });
  const field = isRuleField(c.field) ? c.field : 'reason';
  if (!isRuleField(c.field)) errors.push({ field: `${row}.field`, key: 'policy.error.choice' });
  const op = oneOf(allOps, c.op) ? c.op : 'eq';
  if (!oneOf(allOps, c.op)) errors.push({ field: `${row}.op`, key: 'policy.error.choice' });
  const values = c.values.map((v) => conditionValue(field, v, currency));
  const bad = c.values.find((_, i) => values[i] === null);
  if (bad !== undefined)
    err(ruleFieldKinds[field] === 'money' ? 'policy.error.amount' : 'policy.error.count', { value: bad });
  else if (values.length === 0) err('policy.error.value');
  else if (op !== 'in' && values.length > 1) err('policy.error.oneValue');
  const typed = values.filter((v): v is string | number => v !== null);
  return { field, op, value: op === 'in' ? typed : (typed[0] ?? '') };
}

function compileRule(set: RuleSet, r: RuleDraft, row: string, currency: string, errors: PolicyError[]) {
  if (r.name === '' || r.name.length > 100) errors.push({ field: `${row}.name`, key: 'policy.error.ruleName' });
  const when = r.when.map((c, j) => compileCondition(c, `${row}.when.${j}`, currency, errors));
  const base = { name: r.name.slice(0, 100), when };
  if (set === 'autoApprove') {
    if (!oneOf(decisions, r.then)) errors.push({ field: `${row}.then`, key: 'policy.error.choice' });
    return { ...base, then: oneOf(decisions, r.then) ? r.then : 'review' };
  }
  const check = (name: string, ok: boolean) => {
    if (!ok) errors.push({ field: `${row}.${name}`, key: 'policy.error.choice' });
  };
  check('tier', r.tier === '' || oneOf(tiers, r.tier));
  check('priority', r.priority === '' || oneOf(priorityEnum.options, r.priority));
  check('assignee', r.assignee.length <= 200);
  return {
    ...base,
    ...(oneOf(tiers, r.tier) ? { tier: Number(r.tier) } : {}),
    ...(oneOf(priorityEnum.options, r.priority) ? { priority: r.priority } : {}),
    ...(r.assignee ? { assignee: r.assignee } : {}),
  };
}

export function compileDraft(draft: PolicyDraft, currency: string, errors: PolicyError[]): CompiledRows {
  return {
    reasons: compileReasons(draft.reasons, errors),
    autoApprove: draft.autoApprove.map(
      (r, i) => compileRule('autoApprove', r, `autoApprove.${i}`, currency, errors) as AutoApproveRule,
    ),
    routing: draft.routing.map((r, i) => compileRule('routing', r, `routing.${i}`, currency, errors) as RoutingRule),
  };
}
