/**
 * What a `refund` / `store_credit` / `exchange` action owes the shopper, from the case's items and
 * the shop's policy (the same pure `quote` the portal showed), and the rows that make the money
 * move exactly once: a pending `refunds` row keyed `<case>:<kind>:<attempt>` plus its
 * `issue-refund` job, both in the action's batch.
 */
import { quote, type Quote } from '../cases/money';
import { reasonRule } from '../cases/policy';
import type { Policy } from '../cases/policy-schema';
import type { CaseItemRow, LoadedCase } from '../db/case-store';
import { toStatement } from '../db/case-store';
import { refunds } from '../db/schema';
import type { ShopRow } from '../db/shops';
import { scheduleJob } from '../queue/enqueue';
import type { Services } from '../services';
import type { Effect } from '../queue/effects';

export type RefundProvider = 'shopify' | 'stripe' | 'local';

/** Local adapters under INTEGRATIONS=local; else the shop's choice, Stripe for Stripe shops. */
export function refundProviderFor(s: Services, shop: Pick<ShopRow, 'platform' | 'settings'>): RefundProvider {
  if (s.settings.INTEGRATIONS === 'local') return 'local';
  const chosen = shop.settings.refundProvider;
  if (chosen === 'stripe' || chosen === 'shopify') return chosen;
  return shop.platform === 'stripe' ? 'stripe' : 'shopify';
}

export function caseQuote(
  policy: Policy,
  loaded: LoadedCase,
  resolution: 'refund' | 'store_credit' | 'exchange' | 'keep',
  exchangeValueMinor?: number,
): Quote {
  return quote({
    lines: loaded.items.map((i: CaseItemRow) => {
      const rule = reasonRule(policy, i.reason);
      return {
        lineId: i.id,
        valueMinor: i.unitPriceMinor * i.quantity,
        waiveFees: rule?.waiveFees ?? false,
        shippingPaidBy: rule?.shippingPaidBy ?? 'customer',
        keep: loaded.row.method === 'none',
      };
    }),
    restockingFee: policy.restockingFee,
    returnShippingFee: policy.returnShippingFee,
    storeCreditBonusBasisPoints: policy.storeCreditBonusBasisPoints,
    resolution,
    ...(exchangeValueMinor !== undefined ? { exchangeValueMinor } : {}),
  });
}

export interface RefundRows {
  refundId: string;
  idempotencyKey: string;
  statements: D1PreparedStatement[];
  effects: Effect[];
}

/** The attempt number counts every earlier refund row of the case, failed ones included. */
export function refundRows(
  s: Services,
  input: {
    shopId: string;
    caseId: string;
    orderId: string | null;
    provider: RefundProvider;
    kind: 'refund' | 'store_credit';
    amountMinor: number;
    currency: string;
    attempt: number;
  },
  /** False when another job pays it (an exchange's difference rides on Shopify's returnProcess). */
  opts: { issueJob?: boolean } = {},
): RefundRows {
  const issueJob = opts.issueJob ?? true;
  const now = s.clock.now();
  const refundId = s.newId('rfd');
  const idempotencyKey = `${input.caseId}:${input.kind}:${input.attempt}`;
  const message = { kind: 'issue-refund' as const, shopId: input.shopId, caseId: input.caseId, refundId };
  return {
    refundId,
    idempotencyKey,
    statements: [
      toStatement(
        s.d1(input.shopId),
        s.db(input.shopId).insert(refunds).values({
          id: refundId,
          shopId: input.shopId,
          caseId: input.caseId,
          orderId: input.orderId,
          provider: input.provider,
          kind: input.kind,
          idempotencyKey,
          amountMinor: input.amountMinor,
          currency: input.currency,
          status: 'pending',
          createdAt: now,
          updatedAt: now,
        }),
      ),
      // The durable copy of the job: if the enqueue after the batch is lost, the sweep sends it.
      ...(issueJob ? [scheduleJob(s, message, now)] : []),
    ],
    effects: issueJob ? [{ kind: 'job', message }] : [],
  };
}
