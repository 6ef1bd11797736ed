/**
 * The policy editor's rows as the form holds them: every value a string as typed, so a row that
 * does not validate, or one just added or moved, is shown back exactly. The form posts flat,
 * numbered names (`reason.0.label.de`, `autoApprove.1.when.0.op`); `readDraft` reads them back,
 * `draftFromPolicy` fills them from the stored document, `compileDraft` (policy-compile.ts) turns
 * them into the policy's rule objects.
 */
import type { AutoApproveRule, Policy, ReasonRule, RoutingRule } from '../cases/policy-schema';
import { locales } from '../i18n/locales';
import { toDecimal } from '../lib/money';
import { isRuleField, ruleFieldKinds } from '../views/admin/policy-format';

export type Form = Record<string, string | File | (string | File)[]>;

export interface ReasonDraft {
  code: string;
  /** Stored before: its code is fixed (past cases name it) and it can be retired, not removed. */
  saved: boolean;
  label: Record<string, string>;
  photoRequired: boolean;
  shippingPaidBy: string;
  waiveFees: boolean;
  priority: string;
  caseType: string;
  retired: boolean;
}

export interface ConditionDraft {
  field: string;
  op: string;
  values: string[];
}

export interface RuleDraft {
  name: string;
  when: ConditionDraft[];
  /** Auto-approve: approve | review | reject. */
  then: string;
  /** Routing: each '' when the rule leaves it alone. */
  tier: string;
  priority: string;
  assignee: string;
  /** The field chosen in the rule's "add a condition" menu. */
  newField: string;
}

export type RuleSet = 'autoApprove' | 'routing';
export const ruleSets: readonly RuleSet[] = ['autoApprove', 'routing'];

export interface PolicyDraft {
  reasons: ReasonDraft[];
  autoApprove: RuleDraft[];
  routing: RuleDraft[];
}

/** More rows than any shop needs; a hostile form cannot make the server walk a million indices. */
export const MAX_ROWS = 100;

const all = (f: Form, k: string): string[] => {
  const v = f[k];
  const xs = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return xs.filter((x): x is string => typeof x === 'string');
};
const one = (f: Form, k: string) => (all(f, k).at(-1) ?? '').trim();
const on = (f: Form, k: string) => one(f, k) === 'on' || one(f, k) === 'true';

/** The row numbers present under `prefix.` (`reason`, `autoApprove.2.when`), in order. */
function indices(f: Form, prefix: string): number[] {
  const pattern = new RegExp(`^${prefix.replaceAll('.', '\\.')}\\.(\\d{1,3})\\.`);
  const found = new Set<number>();
  for (const k of Object.keys(f)) {
    const m = pattern.exec(k);
    if (m) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b).slice(0, MAX_ROWS);
}

function readLabels(f: Form, row: string): Record<string, string> {
  const label: Record<string, string> = {};
  for (const l of locales) label[l] = one(f, `${row}.label.${l}`);
  // Languages the editor does not show (from a JSON import) ride along as hidden fields.
  for (const k of Object.keys(f)) {
    const m = new RegExp(`^${row.replace('.', '\\.')}\\.label\\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)$`).exec(k);
    if (m && !(m[1]! in label)) label[m[1]!] = one(f, k);
  }
  return label;
}

function readReason(f: Form, i: number): ReasonDraft {
  const row = `reason.${i}`;
  return {
    code: one(f, `${row}.code`),
    saved: one(f, `${row}.saved`) === '1',
    label: readLabels(f, row),
    photoRequired: on(f, `${row}.photoRequired`),
    shippingPaidBy: one(f, `${row}.shippingPaidBy`),
    waiveFees: on(f, `${row}.waiveFees`),
    priority: one(f, `${row}.priority`),
    caseType: one(f, `${row}.caseType`),
    retired: on(f, `${row}.retired`),
  };
}

/** A condition's values: each posted value (a menu, or several checkboxes), commas splitting typed lists. */
function readCondition(f: Form, row: string): ConditionDraft {
  const values = all(f, `${row}.value`)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return { field: one(f, `${row}.field`), op: one(f, `${row}.op`), values };
}

function readRule(f: Form, row: string): RuleDraft {
  return {
    name: one(f, `${row}.name`),
    when: indices(f, `${row}.when`).map((j) => readCondition(f, `${row}.when.${j}`)),
    then: one(f, `${row}.then`),
    tier: one(f, `${row}.tier`),
    priority: one(f, `${row}.priority`),
    assignee: one(f, `${row}.assignee`),
    newField: one(f, `${row}.newField`),
  };
}

export function readDraft(f: Form): PolicyDraft {
  return {
    reasons: indices(f, 'reason').map((i) => readReason(f, i)),
    autoApprove: indices(f, 'autoApprove').map((i) => readRule(f, `autoApprove.${i}`)),
    routing: indices(f, 'routing').map((i) => readRule(f, `routing.${i}`)),
  };
}

function reasonDraft(r: ReasonRule): ReasonDraft {
  return {
    code: r.code,
    saved: true,
    label: { ...r.label },
    photoRequired: r.photoRequired,
    shippingPaidBy: r.shippingPaidBy,
    waiveFees: r.waiveFees,
    priority: r.priority ?? '',
    caseType: r.caseType ?? '',
    retired: r.retired === true,
  };
}

function conditionDraft(c: AutoApproveRule['when'][number], currency: string): ConditionDraft {
  const money = isRuleField(c.field) && ruleFieldKinds[c.field] === 'money';
  const show = (v: string | number) => (money && typeof v === 'number' ? toDecimal(v, currency) : String(v));
  return { field: c.field, op: c.op, values: (Array.isArray(c.value) ? c.value : [c.value]).map(show) };
}

export const emptyRule = (): RuleDraft => ({
  name: '',
  when: [],
  then: 'approve',
  tier: '',
  priority: '',
  assignee: '',
  newField: '',
});

function ruleDraft(r: AutoApproveRule | RoutingRule, currency: string): RuleDraft {
  return {
    ...emptyRule(),
    name: r.name,
    when: r.when.map((c) => conditionDraft(c, currency)),
    then: 'then' in r ? r.then : '',
    tier: 'tier' in r && r.tier ? String(r.tier) : '',
    priority: 'priority' in r && r.priority ? r.priority : '',
    assignee: 'assignee' in r && r.assignee ? r.assignee : '',
  };
}

export function draftFromPolicy(policy: Policy, currency: string): PolicyDraft {
  return {
    reasons: policy.reasons.map(reasonDraft),
    autoApprove: policy.autoApprove.map((r) => ruleDraft(r, currency)),
    routing: policy.routing.map((r) => ruleDraft(r, currency)),
  };
}
