/** How the policy and SLA forms show stored values (the forms parse them back in src/admin/policy-form.ts). */
import type { Fee } from '../../cases/policy-schema';
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
