import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { openReturn } from '../../src/commands/open-return';
import { syncShopifyReturn } from '../../src/commands/sync-shopify-return';
import { skippedStepsForWeek } from '../../src/help/skipped-steps';
import { installStarterSet } from '../../src/help/starter-set';
import { createServices } from '../../src/services';
import { adminSession } from '../admin/admin-session';
import { createOrder, createShop } from '../helpers/factory';

const app = createApp();
const SHOP = 'skipped-steps.myshopify.com';
const OTHER = 'skipped-steps-other.myshopify.com';
const s = createServices(env);
let shopId: string;
let otherId: string;

async function damagedReturn(id: string, name: string): Promise<string> {
  const o = await createOrder(env.DB, id, { name, deliveredDaysAgo: 2 });
  const opened = await openReturn(s, {
    shopId: id,
    orderId: o.order.id,
    items: [{ lineItemId: o.lines[0]!.id, quantity: 1, reason: 'damaged', photos: ['x/y.jpg'] }],
    resolution: 'refund',
    method: 'drop_off',
  });
  return opened.caseId;
}

const act = (caseId: string, action: Parameters<typeof applyCaseAction>[1]['action'], id = shopId) =>
  applyCaseAction(s, { shopId: id, caseId, actor: 'agent:alex', action });

async function skippedEvents(caseId: string) {
  const { results } = await env.DB.prepare(
    "SELECT actor, data, visible_to_shopper FROM case_events WHERE case_id = ? AND type = 'ProcedureStepsSkipped' ORDER BY at",
  )
    .bind(caseId)
    .all<{ actor: string; data: string; visible_to_shopper: number }>();
  return results.map((r) => ({ ...r, steps: (JSON.parse(r.data) as { steps: Array<{ id: string }> }).steps }));
}

beforeAll(async () => {
  shopId = (await createShop(env.DB, { domain: SHOP })).id;
  otherId = (await createShop(env.DB, { domain: OTHER })).id;
  await installStarterSet(s, shopId);
  await installStarterSet(s, otherId);
});

describe('skipped procedure steps', () => {
  it('are recorded when a case closes with steps unticked, hidden from the shopper, once per close', async () => {
    const start = Date.now() - 1000;
    const first = await damagedReturn(shopId, '#7101');
    const a = await adminSession(SHOP);
    expect((await app.fetch(a.post(`/admin/cases/${first}/procedure/damaged.photos`, {}), env)).status).toBe(303);
    await act(first, { action: 'close', reason: 'done' });
    const [event] = await skippedEvents(first);
    expect(event!.actor).toBe('agent:alex');
    expect(event!.visible_to_shopper).toBe(0);
    expect(event!.steps.map((step) => step.id)).toEqual([
      'damaged.check',
      'damaged.replace-first',
      'damaged.carrier',
      'return.window',
      'return.inspect',
    ]);
    const page = await (await app.fetch(a.get(`/admin/cases/${first}`), env)).text();
    expect(page).toContain('Closed with procedure steps skipped');

    // Reopened and closed again: a second close, a second record; the same case still counts once.
    await act(first, { action: 'reopen', reason: 'customer wrote back' });
    await act(first, { action: 'close', reason: 'again' });
    expect(await skippedEvents(first)).toHaveLength(2);

    const second = await damagedReturn(shopId, '#7102');
    await act(second, { action: 'close', reason: 'quick' });
    const elsewhere = await damagedReturn(otherId, '#7103');
    await act(elsewhere, { action: 'close', reason: 'other shop' }, otherId);

    const week = await skippedStepsForWeek(s, shopId, { from: start, to: Date.now() + 1000 });
    expect(week[0]).toEqual({
      stepId: 'damaged.carrier',
      procedure: 'damaged',
      label: 'Report transport damage to the carrier',
      cases: 2,
    });
    expect(week.find((r) => r.stepId === 'damaged.photos')).toEqual({
      stepId: 'damaged.photos',
      procedure: 'damaged',
      label: 'Ask for photos of the parcel and the item',
      cases: 1,
    });
    expect(week).toHaveLength(6);
    const german = await skippedStepsForWeek(s, shopId, { from: start, to: Date.now() + 1000 }, 'de');
    expect(german.find((r) => r.stepId === 'damaged.photos')!.label).toBe('Fotos von Paket und Artikel anfordern');
    expect(await skippedStepsForWeek(s, shopId, { from: start - 10_000, to: start })).toEqual([]);
  });

  it('are not recorded when every step was ticked', async () => {
    const caseId = await damagedReturn(shopId, '#7104');
    const a = await adminSession(SHOP);
    for (const step of [
      'damaged.photos',
      'damaged.check',
      'damaged.replace-first',
      'damaged.carrier',
      'return.window',
      'return.inspect',
    ])
      expect((await app.fetch(a.post(`/admin/cases/${caseId}/procedure/${step}`, {}), env)).status).toBe(303);
    await act(caseId, { action: 'close', reason: 'all done' });
    expect(await skippedEvents(caseId)).toEqual([]);
  });

  it('are recorded when Shopify closes the return, by shopify', async () => {
    const { order, lines } = await createOrder(env.DB, shopId, { name: '#7105', deliveredDaysAgo: 2 });
    const base = {
      returnGid: 'gid://shopify/Return/7105',
      orderGid: order.platformId,
      change: 'approved' as const,
      declineReason: null,
      items: [{ platformLineId: lines[0]!.platformId, quantity: 1, reason: 'wrong_item', note: null }],
    };
    const { caseId } = await syncShopifyReturn(s, shopId, base);
    await syncShopifyReturn(s, shopId, { ...base, change: 'closed' });
    await syncShopifyReturn(s, shopId, { ...base, change: 'closed' });
    const events = await skippedEvents(caseId);
    expect(events).toHaveLength(1);
    expect(events[0]!.actor).toBe('shopify');
    expect(events[0]!.steps.map((step) => step.id)).toEqual([
      'wrong.photo',
      'wrong.send-right',
      'return.window',
      'return.inspect',
    ]);
  });
});
