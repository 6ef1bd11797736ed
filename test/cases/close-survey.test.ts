/**
 * Closing a case schedules its survey in the close batch itself (no waiting for the cron sweep):
 * the admin `close` action and the automatic close after a refund succeeds. Shops with surveys
 * off, and complaints born from a survey answer, get none; a second close never adds a second one.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { issueRefund } from '../../src/commands/issue-refund';
import { openReturn } from '../../src/commands/open-return';
import { createOrder, createShop } from '../helpers/factory';
import { caseServices } from './helpers';

const surveysOf = async (caseId: string) =>
  (await env.DB.prepare('SELECT subject, status, recipient, due_at FROM surveys WHERE case_id = ?').bind(caseId).all())
    .results;

async function openCase(settings: Record<string, unknown> = {}) {
  const ctx = caseServices();
  const shop = await createShop(env.DB, { settings: { integrations: 'local', ...settings } }, ctx.clock.now());
  const { order, lines } = await createOrder(
    env.DB,
    shop.id,
    { email: 'closer@example.com', deliveredDaysAgo: 2 },
    ctx.clock.now(),
  );
  const { caseId } = await openReturn(ctx.s, {
    shopId: shop.id,
    orderId: order.id,
    items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'wrong_item' }],
    resolution: 'refund',
    method: 'drop_off',
  });
  return { ...ctx, shop, caseId };
}

describe('the survey is scheduled by the close itself', () => {
  it('admin close: one survey, due now, to the order email; closing again after a reopen adds none', async () => {
    const { s, clock, shop, caseId } = await openCase();
    await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:ed', action: { action: 'close' } });
    expect(await surveysOf(caseId)).toEqual([
      { subject: `case:${caseId}`, status: 'scheduled', recipient: 'closer@example.com', due_at: clock.now() },
    ]);
    await applyCaseAction(s, {
      shopId: shop.id,
      caseId,
      actor: 'agent:ed',
      action: { action: 'reopen', reason: 'shopper wrote back' },
    });
    await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:ed', action: { action: 'close' } });
    expect(await surveysOf(caseId)).toHaveLength(1);
  });

  it('the automatic close after a successful refund schedules it too', async () => {
    const { s, shop, caseId } = await openCase();
    for (const action of ['approve', 'receive', 'refund'] as const)
      await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:ed', action: { action } });
    expect(await surveysOf(caseId)).toEqual([]);
    const refund = await env.DB.prepare('SELECT id FROM refunds WHERE case_id = ?').bind(caseId).first<string>('id');
    await issueRefund(s, { kind: 'issue-refund', shopId: shop.id, caseId, refundId: refund! });
    expect(await env.DB.prepare('SELECT status FROM cases WHERE id = ?').bind(caseId).first<string>('status')).toBe(
      'closed',
    );
    expect(await surveysOf(caseId)).toEqual([
      expect.objectContaining({ subject: `case:${caseId}`, status: 'scheduled' }),
    ]);
  });

  it('none when the shop turned surveys off, and none for a complaint a survey answer opened', async () => {
    const off = await openCase({ surveysEnabled: false });
    await applyCaseAction(off.s, {
      shopId: off.shop.id,
      caseId: off.caseId,
      actor: 'agent:ed',
      action: { action: 'close' },
    });
    expect(await surveysOf(off.caseId)).toEqual([]);

    const on = await openCase();
    await env.DB.prepare(`UPDATE cases SET source = 'survey', type = 'complaint' WHERE id = ?`).bind(on.caseId).run();
    await applyCaseAction(on.s, {
      shopId: on.shop.id,
      caseId: on.caseId,
      actor: 'agent:ed',
      action: { action: 'close' },
    });
    expect(await env.DB.prepare('SELECT status FROM cases WHERE id = ?').bind(on.caseId).first<string>('status')).toBe(
      'closed',
    );
    expect(await surveysOf(on.caseId)).toEqual([]);
  });
});
