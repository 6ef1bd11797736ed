import { caseActionSchema, type CaseAction } from '../commands/case-action-schema';
import { parseDecimal } from '../lib/money';

type Body = Record<string, string | File | (string | File)[]>;
const all = (b: Body, k: string): string[] => {
  const v = b[k];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
};
const one = (b: Body, k: string) => all(b, k)[0]?.trim() || undefined;
const list = (b: Body, k: string) =>
  (one(b, k) ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Why a form was refused: an amount that is no number, or what the action's schema says (in English). */
export type FormRefusal = { kind: 'amount' } | { kind: 'invalid'; detail: string };

/**
 * An HTML action form → the JSON API's `CaseAction`, parsed by the same `caseActionSchema`. Money is
 * typed as a decimal in the case's currency.
 */
export function actionFromForm(
  b: Body,
  currency: string,
): { ok: true; action: CaseAction } | { ok: false; error: FormRefusal } {
  const name = one(b, 'action');
  let raw: Record<string, unknown>;
  try {
    switch (name) {
      case 'receive': {
        const ids = all(b, 'itemId');
        const conditions = all(b, 'condition');
        raw = {
          action: name,
          items: ids.map((itemId, i) => ({ itemId, condition: conditions[i] })),
          note: one(b, 'note'),
        };
        break;
      }
      case 'exchange': {
        const ids = all(b, 'itemId');
        const variants = all(b, 'variantId');
        const items = ids.map((itemId, i) => ({ itemId, variantId: variants[i]?.trim() })).filter((x) => x.variantId);
        raw = { action: name, items: items.length ? items : undefined, note: one(b, 'note') };
        break;
      }
      case 'refund':
      case 'store_credit': {
        const amount = one(b, 'amount');
        raw = { action: name, amountMinor: amount ? parseDecimal(amount, currency) : undefined, note: one(b, 'note') };
        break;
      }
      case 'tag':
        raw = { action: name, add: list(b, 'add'), remove: list(b, 'remove') };
        break;
      default:
        raw = {
          action: name,
          note: one(b, 'note'),
          reason: one(b, 'reason'),
          message: one(b, 'message'),
          text: one(b, 'text'),
        };
    }
  } catch {
    return { ok: false, error: { kind: 'amount' } };
  }
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  const parsed = caseActionSchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      error: {
        kind: 'invalid',
        detail: parsed.error.issues.map((i) => `${i.path.join('.') || 'action'}: ${i.message}`).join('; '),
      },
    };
  return { ok: true, action: parsed.data };
}
