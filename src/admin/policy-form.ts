import type * as z from 'zod';
import { policySchema, type Fee, type Policy } from '../cases/policy-schema';
import { parseDecimal } from '../lib/money';

/**
 * The policy and SLA editors post flat HTML forms; these map them onto the policy document and back.
 * Validation is `policySchema` itself (the API's schema), so the screen can never save what the API
 * would refuse.
 */
import { feeValue, formatIntervals, priorities, weekdays } from '../views/admin/policy-format';

export { feeValue, formatIntervals, priorities, weekdays };
export type Form = Record<string, string | File | (string | File)[]>;
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

function money(f: Form, k: string, currency: string, errors: FieldErrors): number {
  const v = str(f, k) || '0';
  try {
    return parseDecimal(v, currency);
  } catch {
    errors.push({ path: k, message: `"${v}" is not an amount` });
    return 0;
  }
}

function fee(f: Form, k: string, currency: string, errors: FieldErrors): Fee {
  const kind = str(f, `${k}Kind`);
  if (kind === 'percent') return { kind, basisPoints: Math.round(Number(str(f, `${k}Value`)) * 100) };
  if (kind === 'fixed') return { kind, amountMinor: money(f, `${k}Value`, currency, errors) };
  return { kind: 'none' };
}

function json(f: Form, k: string, errors: FieldErrors): unknown {
  try {
    return JSON.parse(str(f, k) || '[]');
  } catch (e) {
    errors.push({ path: k, message: `not valid JSON: ${(e as Error).message}` });
    return [];
  }
}

export function issuesOf(error: z.ZodError): FieldErrors {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(policy)', message: i.message }));
}

export type Parsed = { ok: true; policy: Policy } | { ok: false; errors: FieldErrors };

function finish(candidate: unknown, errors: FieldErrors): Parsed {
  const parsed = policySchema.safeParse(candidate);
  if (!parsed.success) errors.push(...issuesOf(parsed.error));
  return errors.length ? { ok: false, errors } : { ok: true, policy: parsed.data! };
}

/** Return-policy fields over the current document (SLA and help untouched). */
export function returnPolicyFromForm(f: Form, current: Policy, currency: string): Parsed {
  const errors: FieldErrors = [];
  const candidate = {
    ...current,
    returnWindowDays: int(f, 'returnWindowDays'),
    finalSaleTags: list(f, 'finalSaleTags'),
    finalSaleProductTypes: list(f, 'finalSaleProductTypes'),
    reasons: json(f, 'reasons', errors),
    restockingFee: fee(f, 'restockingFee', currency, errors),
    returnShippingFee: fee(f, 'returnShippingFee', currency, errors),
    storeCreditBonusBasisPoints: Math.round(Number(str(f, 'storeCreditBonusPercent') || '0') * 100),
    resolutions: {
      refund: checked(f, 'refund'),
      storeCredit: checked(f, 'storeCredit'),
      exchange: checked(f, 'exchange'),
    },
    methods: { pickup: checked(f, 'pickup'), dropOff: checked(f, 'dropOff') },
    keepItemUnderMinor: money(f, 'keepItemUnder', currency, errors),
    serialReturner: { maxReturns: int(f, 'serialMaxReturns'), windowDays: int(f, 'serialWindowDays') },
    autoApprove: json(f, 'autoApprove', errors),
    routing: json(f, 'routing', errors),
    highValueOrderMinor: money(f, 'highValueOrder', currency, errors),
    vipTags: list(f, 'vipTags'),
  };
  return finish(candidate, errors);
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
      // Not on the SLA screen yet: kept as the policy API set it.
      pauseResolutionWhileParcelAway: current.sla.pauseResolutionWhileParcelAway,
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
