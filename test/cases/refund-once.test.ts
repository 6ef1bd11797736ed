import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import type { Effect } from '../../src/queue/effects';
import { issueRefund } from '../../src/commands/issue-refund';
import { openReturn } from '../../src/commands/open-return';
import type { AppError } from '../../src/http/errors';
import { createOrder, createShop } from '../helpers/factory';
import { caseServices } from './helpers';

describe('money moves exactly once', () => {
  it('ten concurrent refund actions on one case → one refund row, one job, one provider call with one key', async () => {
    const { s, clock, shopifyAdmin } = caseServices();
    const shop = await createShop(env.DB, {}, clock.now());
    const { order, lines } = await createOrder(
      env.DB,
      shop.id,
      { deliveredDaysAgo: 3, lines: [{ priceMinor: 4000, quantity: 1 }] },
      clock.now(),
    );
    const opened = await openReturn(s, {
      shopId: shop.id,
      orderId: order.id,
      items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'damaged', photos: ['p1'] }],
      resolution: 'refund',
      method: 'drop_off',
    });
    await applyCaseAction(s, {
      shopId: shop.id,
      caseId: opened.caseId,
      actor: 'agent:ana',
      action: { action: 'approve' },
    });
    await applyCaseAction(s, {
      shopId: shop.id,
      caseId: opened.caseId,
      actor: 'agent:ana',
      action: { action: 'receive' },
    });

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        applyCaseAction(s, {
          shopId: shop.id,
          caseId: opened.caseId,
          actor: 'agent:ana',
          action: { action: 'refund' },
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(9);
    for (const r of refused) expect((r.reason as AppError).code).toBe('conflict');

    const rows = await env.DB.prepare('SELECT * FROM refunds WHERE shop_id = ? AND case_id = ?')
      .bind(shop.id, opened.caseId)
      .all<{ id: string; idempotency_key: string; amount_minor: number; status: string }>();
    expect(rows.results).toHaveLength(1);
    expect(rows.results[0]).toMatchObject({
      idempotency_key: `${opened.caseId}:refund:1`,
      amount_minor: 4000,
      status: 'pending',
    });
    const jobs = ok
      .flatMap((r) => (r as PromiseFulfilledResult<{ effects: Effect[] }>).value.effects)
      .filter((e) => e.kind === 'job' && e.message.kind === 'issue-refund');
    expect(jobs).toHaveLength(1);
    const scheduled = await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM scheduled_jobs WHERE shop_id = ? AND kind = 'issue-refund'`,
    )
      .bind(shop.id)
      .first<number>('n');
    expect(scheduled).toBe(1);

    // The job runs twice (a queue redelivery and the sweep's copy): still one provider call.
    const message = {
      kind: 'issue-refund' as const,
      shopId: shop.id,
      caseId: opened.caseId,
      refundId: rows.results[0]!.id,
    };
    await Promise.all([issueRefund(s, message), issueRefund(s, message)]);
    await issueRefund(s, message);
    const refundCalls = shopifyAdmin.calls.filter((c) => c.operation === 'refundCreate');
    const keys = new Set(shopifyAdmin.calls.filter((c) => c.idempotencyKey).map((c) => c.idempotencyKey));
    expect(keys).toEqual(new Set([`${opened.caseId}:refund:1`]));
    // Two concurrent runs may both reach the provider, but with the same key the provider pays once.
    expect(refundCalls.length).toBe(1);
    const after = await env.DB.prepare('SELECT status, provider_ref FROM refunds WHERE id = ?')
      .bind(message.refundId)
      .first<{ status: string; provider_ref: string }>();
    expect(after).toMatchObject({ status: 'succeeded' });
  });
});
