/**
 * Fees, credits and differences of a resolution, in integer minor units of the order's currency.
 *
 * ROUNDING RULE: a percentage is stored as basis points (1 bp = 0.01%) and applied per line as
 * `floor((amount × bp + 5000) / 10000)`, i.e. half-up to the nearest minor unit (2.5 → 3, 2.4 → 2),
 * computed on each line separately and then summed (never on the case total), so a line's fee
 * does not depend on what else is in the box. A fee never exceeds what it is taken from: a
 * restocking fee is capped at its line's value, the return shipping fee at the refund left after
 * restocking fees, and a refund is never negative. Discounts are spread over a line's units
 * half-up as well, the remainder landing on the last units so the units sum to the line.
 */
import type { Fee } from './policy-schema';

/** Half-up application of basis points to a non-negative amount (see the rounding rule). */
export function applyBasisPoints(amountMinor: number, basisPoints: number): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0)
    throw new RangeError(`amount must be a non-negative integer: ${amountMinor}`);
  return Number((BigInt(amountMinor) * BigInt(basisPoints) + 5000n) / 10000n);
}

/** What `quantity` units of a line are worth after the line's discount (spread per unit). */
export function lineValue(
  line: { priceMinor: number; discountMinor: number; quantity: number },
  quantity: number,
): number {
  if (line.quantity <= 0 || quantity <= 0) return 0;
  const q = Math.min(quantity, line.quantity);
  // Discount for the first q units, half-up: floor((discount × q × 2 + quantity) / (2 × quantity)).
  const discount = Math.floor((line.discountMinor * q * 2 + line.quantity) / (2 * line.quantity));
  return Math.max(0, line.priceMinor * q - discount);
}

export function feeFor(fee: Fee, amountMinor: number): number {
  switch (fee.kind) {
    case 'none':
      return 0;
    case 'percent':
      return Math.min(amountMinor, applyBasisPoints(amountMinor, fee.basisPoints));
    case 'fixed':
      return Math.min(amountMinor, fee.amountMinor);
  }
}

export interface QuoteLine {
  lineId: string;
  valueMinor: number;
  /** The reason waives fees (damaged, defective, wrong item). */
  waiveFees: boolean;
  /** Who pays to send it back, per the reason's rule. */
  shippingPaidBy: 'customer' | 'merchant';
  /** Kept by the shopper (under the keep-the-item threshold): nothing is shipped back. */
  keep: boolean;
}

export interface QuoteInput {
  lines: QuoteLine[];
  restockingFee: Fee;
  returnShippingFee: Fee;
  storeCreditBonusBasisPoints: number;
  resolution: 'refund' | 'store_credit' | 'exchange' | 'keep' | 'repair';
  /** For an exchange: the value of what the shopper gets instead. */
  exchangeValueMinor?: number;
}

export interface Quote {
  lines: Array<{ lineId: string; valueMinor: number; restockingFeeMinor: number }>;
  itemsMinor: number;
  restockingFeeMinor: number;
  shippingFeeMinor: number;
  /** Money back to the original payment (refund) or the credit base (store credit). */
  refundMinor: number;
  /** Store credit issued, bonus included (0 unless resolution is store_credit). */
  creditMinor: number;
  bonusMinor: number;
  /** Exchange: > 0 the shopper owes it, < 0 it is refunded to them. */
  exchangeDifferenceMinor: number;
}

/**
 * The return shipping fee applies once per case, only when every shipped item's reason has the
 * customer paying; one merchant-paid or fee-waiving reason in the box makes the whole box free.
 */
export function quote(input: QuoteInput): Quote {
  const lines = input.lines.map((l) => ({
    lineId: l.lineId,
    valueMinor: l.valueMinor,
    restockingFeeMinor: l.waiveFees || l.keep ? 0 : feeFor(input.restockingFee, l.valueMinor),
  }));
  const itemsMinor = lines.reduce((s, l) => s + l.valueMinor, 0);
  const restockingFeeMinor = lines.reduce((s, l) => s + l.restockingFeeMinor, 0);
  const shipped = input.lines.filter((l) => !l.keep);
  const customerPays = shipped.length > 0 && shipped.every((l) => l.shippingPaidBy === 'customer' && !l.waiveFees);
  const afterRestock = itemsMinor - restockingFeeMinor;
  const shippingFeeMinor = customerPays ? Math.min(afterRestock, feeFor(input.returnShippingFee, afterRestock)) : 0;
  const net = afterRestock - shippingFeeMinor;
  let refundMinor = 0;
  let creditMinor = 0;
  let bonusMinor = 0;
  let exchangeDifferenceMinor = 0;
  switch (input.resolution) {
    case 'refund':
    case 'keep':
      refundMinor = net;
      break;
    case 'store_credit':
      bonusMinor = applyBasisPoints(net, input.storeCreditBonusBasisPoints);
      creditMinor = net + bonusMinor;
      break;
    case 'exchange':
      // Exchanges are like-for-like swaps: no restocking or shipping fee is charged on them.
      exchangeDifferenceMinor = (input.exchangeValueMinor ?? itemsMinor) - itemsMinor;
      refundMinor = exchangeDifferenceMinor < 0 ? -exchangeDifferenceMinor : 0;
      return {
        lines: lines.map((l) => ({ ...l, restockingFeeMinor: 0 })),
        itemsMinor,
        restockingFeeMinor: 0,
        shippingFeeMinor: 0,
        refundMinor,
        creditMinor,
        bonusMinor,
        exchangeDifferenceMinor,
      };
    case 'repair':
      break;
  }
  return {
    lines,
    itemsMinor,
    restockingFeeMinor,
    shippingFeeMinor,
    refundMinor,
    creditMinor,
    bonusMinor,
    exchangeDifferenceMinor,
  };
}
