import type * as z from 'zod';
import { policySchema, type Fee, type Policy } from '../cases/policy-schema';
import { parseDecimal } from '../lib/money';
import { compileDraft, type PolicyError } from './policy-compile';
import { type Form, type PolicyDraft, readDraft } from './policy-draft';

/**
 * The policy and SLA editors post flat HTML forms; these map them onto the policy document and back.
 * Validation is `policySchema` itself (the API's schema), so the screen can never save what the API
 * would refuse.
 */
import { feeValue, formatIntervals, priorities, weekdays } from '../views/admin/policy-format';

export { feeValue, formatIntervals, priorities, weekdays };
export type { Form };
export type FieldErrors = Array<{ path: string; message: string }>;

const str = (f: Form, k: string) => {
  const v = f[k];
  return typeof v === 'string' ? v.trim() : '';
};
const list = (f: Form, k: string) =>
  str(f, k)
    .split(/[,\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
const checked = (f: Form, k: string) => str(f, k) === 'on' || str(f, k) === 'true';
const int = (f: Form, k: string) => (str(f, k) === '' ? Number.NaN : Number(str(f, k)));

export function issuesOf(error: z.ZodError): FieldErrors {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(policy)', message: i.message }));
}

export type Parsed = { ok: true; policy: Policy } | { ok: false; errors: FieldErrors };

function finish(candidate: unknown, errors: FieldErrors): Parsed {
  const parsed = policySchema.safeParse(candidate);
  if (!parsed.success) errors.push(...issuesOf(parsed.error));
  return errors.length ? { ok: false, errors } : { ok: true, policy: parsed.data! };
}

/** A whole number in [min, max] from a field, or an error next to it. */
function wholeNumber(f: Form, k: string, min: number, max: number, errors: PolicyError[]): number {
  const v = str(f, k);
  const n = /^\d{1,6}$/.test(v) ? Number(v) : Number.NaN;
  if (!(n >= min && n <= max)) errors.push({ field: k, key: 'policy.error.wholeNumber', vars: { min, max } });
  return Number.isNaN(n) ? min : n;
}

function amount(f: Form, k: string, currency: string, errors: PolicyError[]): number {
  const v = str(f, k) || '0';
  try {
    const minor = parseDecimal(v, currency);
    if (minor >= 0) return minor;
  } catch {}
  errors.push({ field: k, key: 'policy.error.amount', vars: { value: v } });
  return 0;
}

/** Percent with up to two decimals → basis points. */
function basisPoints(f: Form, k: string, errors: PolicyError[]): number {
  const v = str(f, k) || '0';
  const n = /^\d{1,3}(\.\d{1,2})?$/.test(v) ? Number(v) : Number.NaN;
  if (!(n >= 0 && n <= 100)) errors.push({ field: k, key: 'policy.error.percent' });
  return Number.isNaN(n) ? 0 : Math.round(n * 100);
}

function policyFee(f: Form, k: string, currency: string, errors: PolicyError[]): Fee {
  const kind = str(f, `${k}Kind`);
  if (kind === 'percent') return { kind, basisPoints: basisPoints(f, `${k}Value`, errors) };
  if (kind === 'fixed') return { kind, amountMinor: amount(f, `${k}Value`, currency, errors) };
  if (kind !== 'none') errors.push({ field: `${k}Kind`, key: 'policy.error.choice' });
  return { kind: 'none' };
}

/** The general fields (window, fees, resolutions, methods, thresholds) over the current document. */
function generalFields(f: Form, currency: string, errors: PolicyError[]) {
  return {
    returnWindowDays: wholeNumber(f, 'returnWindowDays', 0, 3650, errors),
    finalSaleTags: list(f, 'finalSaleTags'),
    finalSaleProductTypes: list(f, 'finalSaleProductTypes'),
    restockingFee: policyFee(f, 'restockingFee', currency, errors),
    returnShippingFee: policyFee(f, 'returnShippingFee', currency, errors),
    storeCreditBonusBasisPoints: basisPoints(f, 'storeCreditBonusPercent', errors),
    resolutions: {
      refund: checked(f, 'refund'),
      storeCredit: checked(f, 'storeCredit'),
      exchange: checked(f, 'exchange'),
    },
    methods: { pickup: checked(f, 'pickup'), dropOff: checked(f, 'dropOff') },
    keepItemUnderMinor: amount(f, 'keepItemUnder', currency, errors),
    serialReturner: {
      maxReturns: wholeNumber(f, 'serialMaxReturns', 1, 10_000, errors),
      windowDays: wholeNumber(f, 'serialWindowDays', 1, 3650, errors),
    },
    highValueOrderMinor: amount(f, 'highValueOrder', currency, errors),
    vipTags: list(f, 'vipTags'),
  };
}

/** A schema path (`reasons.2.code`) as the editor's field name (`reason.2.code`). */
const fieldOfPath = (path: PropertyKey[]) =>
  path.length === 0
    ? 'policy'
    : path
        .map(String)
        .join('.')
        .replace(/^reasons\.(?=\d)/, 'reason.');

export type PolicyParsed =
  | { ok: true; policy: Policy; draft: PolicyDraft }
  | { ok: false; errors: PolicyError[]; draft: PolicyDraft };

/** The return-policy form (general fields and the rows) over the current document; SLA and help untouched. */
export function returnPolicyFromForm(f: Form, current: Policy, currency: string): PolicyParsed {
  const errors: PolicyError[] = [];
  const draft = readDraft(f);
  const candidate = { ...current, ...generalFields(f, currency, errors), ...compileDraft(draft, currency, errors) };
  if (errors.length) return { ok: false, errors, draft };
  const parsed = policySchema.safeParse(candidate);
  if (parsed.success) return { ok: true, policy: parsed.data, draft };
  // The checks above mirror the schema; this is the net under them, in the schema's own words.
  const rest = parsed.error.issues.map(
    (i): PolicyError => ({ field: fieldOfPath(i.path), key: 'policy.error.invalid', vars: { detail: i.message } }),
  );
  return { ok: false, errors: rest, draft };
}

/** "09:00-12:00, 13:00-17:00" ⇄ intervals. */
export function parseIntervals(text: string): Array<{ open: string; close: string }> | null {
  if (!text.trim()) return [];
  const out: Array<{ open: string; close: string }> = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})\s*$/.exec(part);
    if (!m) return null;
    out.push({ open: m[1]!, close: m[2]! });
  }
  return out;
}
/** SLA fields over the current document. */
export function slaFromForm(f: Form, current: Policy): Parsed {
  const errors: FieldErrors = [];
  const targets = Object.fromEntries(
    priorities.map((p) => [
      p,
      {
        firstResponseMinutes: int(f, `${p}.firstResponse`),
        nextUpdateMinutes: int(f, `${p}.nextUpdate`),
        resolutionMinutes: int(f, `${p}.resolution`),
      },
    ]),
  );
  const weekly: Record<string, Array<{ open: string; close: string }>> = {};
  for (const [d, name] of weekdays) {
    const iv = parseIntervals(str(f, `hours.${d}`));
    if (iv === null)
      errors.push({ path: `hours.${d}`, message: `${name}: write hours like 09:00-17:00, separated by commas` });
    else if (iv.length) weekly[d] = iv;
  }
  const calendar = str(f, 'calendar') === 'business' ? 'business' : '24x7';
  const webhookUrl = str(f, 'webhookUrl');
  const candidate = {
    ...current,
    sla: {
      pauseResolutionWhileParcelAway: checked(f, 'pauseWhileParcelAway'),
      calendar,
      businessHours: { timezone: str(f, 'timezone') || 'UTC', weekly, holidays: list(f, 'holidays') },
      targets,
      escalation: {
        ...current.sla.escalation,
        warnAtRatio: Number(str(f, 'warnAtPercent')) / 100,
        tierUp: checked(f, 'tierUp'),
        priorityUp: checked(f, 'priorityUp'),
        alertEmails: list(f, 'alertEmails'),
        webhookUrl: webhookUrl || undefined,
      },
    },
  };
  if (calendar === 'business' && Object.keys(weekly).length === 0)
    errors.push({ path: 'hours', message: 'Business-hours calendar needs at least one day with hours.' });
  return finish(candidate, errors);
}
