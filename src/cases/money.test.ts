import { describe, expect, it } from 'vitest';
import { applyBasisPoints, feeFor, lineValue, quote, type QuoteLine } from './money';

describe('rounding rule: half-up on basis points, per line', () => {
  it.each([
    // amount, bp, expected
    [1000, 1000, 100], // 10% of 10.00 = 1.00
    [25, 1000, 3], // 2.5 → 3 (half rounds up)
    [24, 1000, 2], // 2.4 → 2
    [15, 5000, 8], // 7.5 → 8
    [1, 4999, 0], // 0.4999 → 0
    [1, 5000, 1], // 0.5 → 1
    [0, 1500, 0],
    [9_999_999_999, 10_000, 9_999_999_999], // 100% of a large amount stays exact
  ])('%i minor × %i bp → %i', (amount, bp, expected) => {
    expect(applyBasisPoints(amount, bp)).toBe(expected);
  });

  it('refuses negative or fractional amounts instead of guessing', () => {
    expect(() => applyBasisPoints(-1, 100)).toThrow(RangeError);
    expect(() => applyBasisPoints(1.5, 100)).toThrow(RangeError);
  });

  it('computes the restocking fee per line, so two 0.25 fees do not become one 0.50 rounding', () => {
    const lines: QuoteLine[] = ['a', 'b'].map((id) => ({
      lineId: id,
      valueMinor: 25,
      waiveFees: false,
      shippingPaidBy: 'merchant',
      keep: false,
    }));
    const q = quote({
      lines,
      restockingFee: { kind: 'percent', basisPoints: 1000 },
      returnShippingFee: { kind: 'none' },
      storeCreditBonusBasisPoints: 0,
      resolution: 'refund',
    });
    // per line: 2.5 → 3 each = 6; on the total it would have been 5.
    expect(q.restockingFeeMinor).toBe(6);
    expect(q.refundMinor).toBe(44);
  });
});

describe('fees', () => {
  it.each([
    [{ kind: 'none' } as const, 5000, 0],
    [{ kind: 'percent', basisPoints: 1500 } as const, 5000, 750],
    [{ kind: 'fixed', amountMinor: 500 } as const, 5000, 500],
    [{ kind: 'fixed', amountMinor: 500 } as const, 300, 300], // never more than the line
    [{ kind: 'percent', basisPoints: 10_000 } as const, 300, 300],
  ])('%o on %i → %i', (fee, amount, expected) => {
    expect(feeFor(fee, amount)).toBe(expected);
  });

  const base = {
    restockingFee: { kind: 'percent', basisPoints: 1000 } as const,
    returnShippingFee: { kind: 'fixed', amountMinor: 500 } as const,
    storeCreditBonusBasisPoints: 1000,
  };
  const line = (over: Partial<QuoteLine> = {}): QuoteLine => ({
    lineId: 'l1',
    valueMinor: 10_000,
    waiveFees: false,
    shippingPaidBy: 'customer',
    keep: false,
    ...over,
  });

  it('refund = items − restocking − return shipping', () => {
    const q = quote({ ...base, lines: [line()], resolution: 'refund' });
    expect(q).toMatchObject({
      itemsMinor: 10_000,
      restockingFeeMinor: 1000,
      shippingFeeMinor: 500,
      refundMinor: 8500,
      creditMinor: 0,
    });
  });

  it('waives both fees for damaged/defective/wrong item reasons', () => {
    const q = quote({ ...base, lines: [line({ waiveFees: true, shippingPaidBy: 'merchant' })], resolution: 'refund' });
    expect(q).toMatchObject({ restockingFeeMinor: 0, shippingFeeMinor: 0, refundMinor: 10_000 });
  });

  it("charges no return shipping when one item in the box is the merchant's fault", () => {
    const q = quote({
      ...base,
      lines: [line(), line({ lineId: 'l2', waiveFees: true, shippingPaidBy: 'merchant' })],
      resolution: 'refund',
    });
    expect(q.shippingFeeMinor).toBe(0);
    expect(q.restockingFeeMinor).toBe(1000); // still charged on the size swap line
  });

  it('keep-the-item lines pay neither fee and ship nothing', () => {
    const q = quote({ ...base, lines: [line({ valueMinor: 600, keep: true })], resolution: 'keep' });
    expect(q).toMatchObject({ restockingFeeMinor: 0, shippingFeeMinor: 0, refundMinor: 600 });
  });

  it('the shipping fee never exceeds what is left of the refund', () => {
    const q = quote({ ...base, lines: [line({ valueMinor: 300 })], resolution: 'refund' });
    expect(q.restockingFeeMinor).toBe(30);
    expect(q.shippingFeeMinor).toBe(270);
    expect(q.refundMinor).toBe(0);
  });

  it('store credit adds the bonus half-up on the net amount', () => {
    const q = quote({
      ...base,
      restockingFee: { kind: 'none' },
      returnShippingFee: { kind: 'none' },
      lines: [line({ valueMinor: 2525 })],
      resolution: 'store_credit',
      storeCreditBonusBasisPoints: 1000,
    });
    // 252.5 → 253
    expect(q).toMatchObject({ bonusMinor: 253, creditMinor: 2778, refundMinor: 0 });
  });

  it.each([
    [12_000, 10_000, 2000, 0], // dearer variant: the shopper owes 20.00
    [8000, 10_000, -2000, 2000], // cheaper: 20.00 back
    [10_000, 10_000, 0, 0],
  ])('exchange for %i against %i: difference %i, refund %i, no fees', (exchangeValueMinor, value, diff, refund) => {
    const q = quote({ ...base, lines: [line({ valueMinor: value })], resolution: 'exchange', exchangeValueMinor });
    expect(q).toMatchObject({
      exchangeDifferenceMinor: diff,
      refundMinor: refund,
      restockingFeeMinor: 0,
      shippingFeeMinor: 0,
    });
  });
});

describe('line value', () => {
  it('spreads the line discount over its units half-up', () => {
    const l = { priceMinor: 1000, discountMinor: 101, quantity: 3 };
    // 101/3 = 33.67 per unit; 1 unit → 34 off, 2 → 67 off, 3 → 101 off
    expect([1, 2, 3].map((q) => lineValue(l, q))).toEqual([966, 1933, 2899]);
    expect(lineValue(l, 5)).toBe(2899); // never more than the line
    expect(lineValue(l, 0)).toBe(0);
  });
});
