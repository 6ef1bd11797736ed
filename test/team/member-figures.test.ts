/** Each member's figures and each tier's in GET /api/admin/metrics and on the dashboard. */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { openReturn } from '../../src/commands/open-return';
import { runEffects } from '../../src/queue/effects';
import { createServices } from '../../src/services';
import { adminSession } from '../admin/admin-session';
import { caseServices } from '../cases/helpers';
import { createOrder, createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';
import { rebuildHandlingDaysSql } from '../../src/db/handling-days';
import { memberFigures } from '../../src/team/member-figures';

const DAY = 86_400_000;

const { s, clock } = caseServices(Date.now());
const app = createApp({ services: (e) => createServices(e, { clock }) });
let shop: Awaited<ReturnType<typeof createShop>>;
let ann: Awaited<ReturnType<typeof memberWithToken>>;
let manager: Awaited<ReturnType<typeof memberWithToken>>;

beforeAll(async () => {
  shop = await createShop(env.DB, { domain: 'figures.myshopify.com' }, clock.now());
  ann = await memberWithToken(shop.id, 'agent', { name: 'Ann Agent', capacity: 5 });
  manager = await memberWithToken(shop.id, 'manager', { name: 'Max', capacity: 0 });
  for (const name of ['#501', '#502']) {
    const { order, lines } = await createOrder(env.DB, shop.id, { name, deliveredDaysAgo: 2 }, clock.now());
    const r = await openReturn(s, {
      shopId: shop.id,
      orderId: order.id,
      items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_small' }],
      resolution: 'refund',
      method: 'drop_off',
    });
    await runEffects(s, r.effects);
    clock.advance(30 * 60 * 1000);
    if (name === '#501')
      await applyCaseAction(s, {
        shopId: shop.id,
        caseId: r.caseId,
        actor: ann.member.id,
        action: { action: 'note', text: 'on it' },
      });
  }
});

describe('member figures', () => {
  it('GET /api/admin/metrics has each member and tier: assigned, first response, load against capacity', async () => {
    const res = await app.request('/api/admin/metrics', { headers: manager.auth }, env);
    const body = (await res.json()) as {
      team: {
        members: Array<{
          memberId: string;
          assigned: number;
          firstResponse: { n: number; p50Ms: number };
          load: number;
          capacity: number;
        }>;
        tiers: Array<{ tier: number; assigned: number; load: number; capacity: number }>;
      };
    };
    const a = body.team.members.find((m) => m.memberId === ann.member.id)!;
    expect(a).toMatchObject({ assigned: 2, load: 2, capacity: 5 });
    expect(a.firstResponse).toMatchObject({ n: 1, p50Ms: 30 * 60 * 1000 });
    expect(body.team.tiers.find((t) => t.tier === 1)).toMatchObject({ assigned: 2, load: 2, capacity: 5 });
  });

  it('the dashboard shows the team table', async () => {
    const session = await adminSession(shop.domain, clock.now(), manager.member.id);
    const html = await (await app.request(session.get('/admin/dashboard'), undefined, env)).text();
    expect(html).toContain(`data-figures="${ann.member.id}"`);
    expect(html).toContain('Ann Agent (agent)');
  });

  it('reads from the per-day rollups: a case whose rows are gone from the rollup no longer counts', async () => {
    const before = (await memberFigures(s, shop.id, { from: 0, to: clock.now() + 1 })).members;
    expect(before.find((m) => m.memberId === ann.member.id)?.assigned).toBe(2);
    // Whole days only (the range's edges are read live): a range from day 0 to the end of today.
    const range = { from: 0, to: (Math.floor(clock.now() / DAY) + 1) * DAY };
    await env.DB.prepare(`DELETE FROM case_handling_days WHERE shop_id = ?1`).bind(shop.id).run();
    const after = (await memberFigures(s, shop.id, range)).members;
    expect(after.find((m) => m.memberId === ann.member.id)?.assigned).toBe(0);
    await env.DB.batch(rebuildHandlingDaysSql().map((q) => env.DB.prepare(q).bind(shop.id)));
    const rebuilt = (await memberFigures(s, shop.id, range)).members;
    expect(rebuilt.find((m) => m.memberId === ann.member.id)?.assigned).toBe(2);
  });

  it('the dashboard speaks German and Chinese', async () => {
    const session = await adminSession(shop.domain, clock.now(), manager.member.id);
    for (const [lang, text] of [
      ['de', 'Ann Agent (Kundenservice)'],
      ['zh-CN', 'Ann Agent（一线客服）'],
    ] as const) {
      const req = session.get('/admin/dashboard');
      req.headers.set('accept-language', lang);
      const html = await (await app.request(req, undefined, env)).text();
      expect(html).toContain(text);
    }
  });
});
