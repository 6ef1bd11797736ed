/**
 * What the week cost: refunds, store credit and return labels (agent time is not measured; see
 * src/db/handling-figures.ts for the handling figures the review shows beside it). Pure.
 */
export type { HandlingFigures, MemberFigureLine } from '../db/handling-figures';
export { handlingReview, nameOf } from '../db/handling-figures';

export interface CostInputs {
  currency: string;
  refunded: number;
  storeCredit: number;
  /** Return labels bought for the week's cases (not refunded by the carrier). */
  labels: number;
  labelCount: number;
}

export interface CostLine extends CostInputs {
  total: number;
}

/** What the week cost, per currency: money paid back, credit given, labels bought. Minor units. */
export function weekCost(
  money: ReadonlyArray<{ currency: string; refunded: number; storeCredit: number }>,
  labels: ReadonlyArray<{ currency: string; amount: number; count: number }>,
): CostLine[] {
  const byCurrency = new Map<string, CostInputs>();
  const bucket = (currency: string) => {
    const c = byCurrency.get(currency) ?? { currency, refunded: 0, storeCredit: 0, labels: 0, labelCount: 0 };
    byCurrency.set(currency, c);
    return c;
  };
  for (const m of money) Object.assign(bucket(m.currency), { refunded: m.refunded, storeCredit: m.storeCredit });
  for (const l of labels) Object.assign(bucket(l.currency), { labels: l.amount, labelCount: l.count });
  return [...byCurrency.values()]
    .map((c) => ({ ...c, total: c.refunded + c.storeCredit + c.labels }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}
