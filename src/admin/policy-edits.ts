/**
 * The editor's row buttons, each a form submit so they work without JavaScript: the button's
 * `intent` names the edit (`reason.up.2`, `routing.when.add.0`), the server applies it to the
 * posted rows and shows the page again. Nothing is saved until "Save policy".
 */
import { locales } from '../i18n/locales';
import { isRuleField, opsFor } from '../views/admin/policy-format';
import { emptyRule, MAX_ROWS, type PolicyDraft, type ReasonDraft, type RuleSet } from './policy-draft';

const emptyReason = (): ReasonDraft => ({
  code: '',
  saved: false,
  label: Object.fromEntries(locales.map((l) => [l, ''])),
  photoRequired: false,
  shippingPaidBy: 'customer',
  waiveFees: false,
  priority: '',
  caseType: '',
  retired: false,
});

function move<T>(rows: T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (i < 0 || i >= rows.length || j < 0 || j >= rows.length) return rows;
  const out = [...rows];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

const add = <T>(rows: T[], row: T) => (rows.length >= MAX_ROWS ? rows : [...rows, row]);

function editReasons(rows: ReasonDraft[], verb: string, i: number): ReasonDraft[] | null {
  const at = (patch: Partial<ReasonDraft>) => rows.map((r, k) => (k === i ? { ...r, ...patch } : r));
  switch (verb) {
    case 'add':
      return add(rows, emptyReason());
    case 'up':
      return move(rows, i, -1);
    case 'down':
      return move(rows, i, 1);
    case 'retire':
      return at({ retired: true });
    case 'restore':
      return at({ retired: false });
    case 'remove':
      // Only a row never saved goes away; a stored reason is retired instead (past cases name it).
      return rows[i] && !rows[i].saved ? rows.filter((_, k) => k !== i) : rows;
    default:
      return null;
  }
}

function editRules(draft: PolicyDraft, set: RuleSet, parts: string[]): PolicyDraft | null {
  const rows = draft[set];
  const [verb, a, b] = parts;
  const i = Number(a);
  let next = rows;
  if (verb === 'add') next = add(rows, { ...emptyRule(), then: set === 'autoApprove' ? 'approve' : '' });
  else if (verb === 'up' || verb === 'down') next = move(rows, i, verb === 'up' ? -1 : 1);
  else if (verb === 'remove') next = rows.filter((_, k) => k !== i);
  else if (verb === 'when' && (a === 'add' || a === 'remove')) {
    const r = Number(b);
    const j = Number(parts[3]);
    next = rows.map((rule, k) => {
      if (k !== r) return rule;
      if (a === 'remove') return { ...rule, when: rule.when.filter((_, m) => m !== j) };
      const field = isRuleField(rule.newField) ? rule.newField : 'reason';
      const op = opsFor(field)[0]!;
      return { ...rule, when: add(rule.when, { field, op, values: [] }), newField: '' };
    });
  } else return null;
  return { ...draft, [set]: next };
}

/** The draft after the edit an `intent` names; null when it names none (save, try, or unknown). */
export function applyEdit(draft: PolicyDraft, intent: string): PolicyDraft | null {
  const [head, ...parts] = intent.split('.');
  if (intent === 'refresh') return draft;
  if (head === 'reason') {
    const reasons = editReasons(draft.reasons, parts[0] ?? '', Number(parts[1]));
    return reasons ? { ...draft, reasons } : null;
  }
  if (head === 'autoApprove' || head === 'routing') return editRules(draft, head, parts);
  return null;
}
