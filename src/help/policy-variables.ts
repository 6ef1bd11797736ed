/**
 * The shop's policy as help articles quote it: `{{ policy.returnWindowDays }}`, fees and bonus as text
 * in the reader's language, and yes/no facts for `{% if %}`. Names follow src/cases/policy-schema.ts,
 * so a merchant who changes the policy changes every article that quotes it.
 */
import type { Fee, Policy } from '../cases/policy-schema';
import type { Locale } from '../i18n';
import { builtInReasonLabels } from '../i18n/reason-labels';
import { formatMoney } from '../lib/money';

export interface FeeVariables {
  /** False for `none` and for a zero fee: an article then says "free". */
  charged: boolean;
  /** `10%`, `€5.00`, `5,00 €`; empty when not charged. */
  text: string;
}

export interface ReasonVariables {
  /** The shop offers this reason at all. */
  offered: boolean;
  photoRequired: boolean;
  waiveFees: boolean;
  merchantPaysShipping: boolean;
}

export interface PolicyVariables {
  returnWindowDays: number;
  restockingFee: FeeVariables;
  returnShippingFee: FeeVariables;
  storeCreditBonus: { offered: boolean; text: string };
  resolutions: Policy['resolutions'];
  methods: Policy['methods'];
  /** Every built-in reason code (offered or not, so an article may ask) and every code of the shop's. */
  reasons: Record<string, ReasonVariables>;
}

export interface PolicyFormat {
  locale: Locale;
  /** The shop's currency (ISO 4217): the policy keeps fixed fees in its minor units. */
  currency: string;
}

function percentText(basisPoints: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(basisPoints / 10_000);
}

function feeVariables(fee: Fee, format: PolicyFormat): FeeVariables {
  if (fee.kind === 'percent' && fee.basisPoints > 0)
    return { charged: true, text: percentText(fee.basisPoints, format.locale) };
  if (fee.kind === 'fixed' && fee.amountMinor > 0)
    return { charged: true, text: formatMoney({ amount: fee.amountMinor, currency: format.currency }, format.locale) };
  return { charged: false, text: '' };
}

function reasonVariables(policy: Policy): Record<string, ReasonVariables> {
  const absent = { offered: false, photoRequired: false, waiveFees: false, merchantPaysShipping: false };
  const reasons: Record<string, ReasonVariables> = {};
  for (const code of Object.keys(builtInReasonLabels)) reasons[code] = absent;
  for (const rule of policy.reasons) {
    reasons[rule.code] = {
      offered: true,
      photoRequired: rule.photoRequired,
      waiveFees: rule.waiveFees,
      merchantPaysShipping: rule.shippingPaidBy === 'merchant',
    };
  }
  return reasons;
}

export function policyVariables(policy: Policy, format: PolicyFormat): PolicyVariables {
  const bonus = policy.storeCreditBonusBasisPoints;
  return {
    returnWindowDays: policy.returnWindowDays,
    restockingFee: feeVariables(policy.restockingFee, format),
    returnShippingFee: feeVariables(policy.returnShippingFee, format),
    storeCreditBonus: { offered: bonus > 0, text: bonus > 0 ? percentText(bonus, format.locale) : '' },
    resolutions: { ...policy.resolutions },
    methods: { ...policy.methods },
    reasons: reasonVariables(policy),
  };
}
