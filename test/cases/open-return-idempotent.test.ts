/**
 * `openReturn` with a request key opens one case however often and however concurrently it is
 * called: a later call answers the first case before any check; calls racing past that lookup
 * lose on the unique (shop, request_key) index, write nothing (their batch is all-or-nothing) and
 * answer the winner's case. Keys are per shop.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { openReturn } from '../../src/commands/open-return';
import { createOrder, createShop } from '../helpers/factory';
import { caseServices } from './helpers';

async function setup() {
  const ctx = caseServices();
  const shop = await createShop(env.DB, { settings: { integrations: 'local' } }, ctx.clock.now());
  const { order, lines } = await createOrder(
    env.DB,
    shop.id,
    { email: 'twice@example.com', deliveredDaysAgo: 2, lines: [{ quantity: 4 }] },
    ctx.clock.now(),
  );
  const input = (requestKey?: string) => ({
    shopId: shop.id,
    orderId: order.id,
    items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_small' }],
    resolution: 'refund' as const,
    method: 'drop_off' as const,
    requestKey,
  });
  const counts = async () => ({
    cases: await env.DB.prepare('SELECT count(*) AS n FROM cases WHERE order_id = ?').bind(order.id).first<number>('n'),
    items: await env.DB.prepare(
      'SELECT count(*) AS n FROM case_items i JOIN cases c ON c.id = i.case_id WHERE c.order_id = ?',
    )
      .bind(order.id)
      .first<number>('n'),
    events: await env.DB.prepare(
      'SELECT count(*) AS n FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.order_id = ?',
    )
      .bind(order.id)
      .first<number>('n'),
    mails: await env.DB.prepare(
      "SELECT count(*) AS n FROM notifications WHERE order_id = ? AND kind = 'return_confirmation'",
    )
      .bind(order.id)
      .first<number>('n'),
  });
  return { ...ctx, shop, order, input, counts };
}

describe('openReturn with a request key', () => {
  it('eight concurrent calls: one case, its items, events and email once; seven answers are replays of it', async () => {
    const { s, input, counts } = await setup();
    const once = await openReturn(s, input('k-1'));
    const single = await counts();
    const { s: s2, input: input2, counts: counts2 } = await setup();
    const results = await Promise.all(Array.from({ length: 8 }, () => openReturn(s2, input2('k-race'))));
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(results.filter((r) => r.replayed).every((r) => r.effects.length === 0)).toBe(true);
    expect(await counts2()).toEqual(single);
    expect(once.replayed).toBeFalsy();
  });

  it('without a key every call is a new request; with another key too', async () => {
    const { s, input, counts } = await setup();
    await openReturn(s, input());
    await openReturn(s, input());
    await openReturn(s, input('a'));
    await openReturn(s, input('b'));
    expect((await counts()).cases).toBe(4);
  });

  it('the same key in another shop is another request', async () => {
    const a = await setup();
    const b = await setup();
    const ra = await openReturn(a.s, a.input('shared-key'));
    const rb = await openReturn(b.s, b.input('shared-key'));
    expect(rb.replayed).toBeFalsy();
    expect(rb.caseId).not.toBe(ra.caseId);
  });
});
