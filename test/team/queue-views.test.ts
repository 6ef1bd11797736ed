/** The queue screen's "Mine", "Unassigned" and "My team" views, their counts and the assignee column. */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { openReturn } from '../../src/commands/open-return';
import { runEffects } from '../../src/queue/effects';
import { createServices } from '../../src/services';
import { adminSession } from '../admin/admin-session';
import { caseServices } from '../cases/helpers';
import { createOrder, createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';

const { s, clock } = caseServices(Date.now());
const app = createApp({ services: (e) => createServices(e, { clock }) });
let shop: Awaited<ReturnType<typeof createShop>>;
let ann: Awaited<ReturnType<typeof memberWithToken>>;
let bea: Awaited<ReturnType<typeof memberWithToken>>;
const numbers: number[] = [];

async function openOne(name: string) {
  const { order, lines } = await createOrder(env.DB, shop.id, { name, deliveredDaysAgo: 2 }, clock.now());
  const r = await openReturn(s, {
    shopId: shop.id,
    orderId: order.id,
    items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_small' }],
    resolution: 'refund',
    method: 'drop_off',
  });
  await runEffects(s, r.effects);
  numbers.push(r.number);
}

const page = async (memberId: string, view: string) => {
  const session = await adminSession(shop.domain, clock.now(), memberId);
  const res = await app.request(session.get(`/admin?view=${view}&status=open`), undefined, env);
  expect(res.status).toBe(200);
  return res.text();
};

beforeAll(async () => {
  shop = await createShop(env.DB, { domain: 'views.myshopify.com' }, clock.now());
  ann = await memberWithToken(shop.id, 'agent', { name: 'Ann Agent', capacity: 1 });
  await openOne('#901'); // to Ann
  await openOne('#902'); // nobody has room
  bea = await memberWithToken(shop.id, 'specialist', { name: 'Bea Specialist', capacity: 0 });
});

describe('queue views', () => {
  it('"Mine" shows my cases with the counts of every view', async () => {
    const html = await page(ann.member.id, 'mine');
    expect(html).toContain(`>R-${numbers[0]}<`);
    expect(html).not.toContain(`>R-${numbers[1]}<`);
    expect(html).toMatch(/Mine \(1\)/);
    expect(html).toMatch(/Unassigned \(1\)/);
    expect(html).toContain('Ann Agent');
  });

  it('"Unassigned" shows the waiting case, marked unassigned', async () => {
    const html = await page(ann.member.id, 'unassigned');
    expect(html).toContain(`>R-${numbers[1]}<`);
    expect(html).not.toContain(`>R-${numbers[0]}<`);
    expect(html).toContain('>unassigned<');
  });

  it('"My team" is the cases of the members of my tier', async () => {
    expect(await page(ann.member.id, 'team')).toContain(`>R-${numbers[0]}<`);
    const specialists = await page(bea.member.id, 'team');
    expect(specialists).not.toContain(`>R-${numbers[0]}<`);
    expect(specialists).toMatch(/My team \(0\)/);
  });
});

describe('assigning from the case page', () => {
  it('a manager assigns the waiting case to Ann, who then sees it under "Mine"; an agent cannot hand it on', async () => {
    const manager = await memberWithToken(shop.id, 'manager', { capacity: 0 });
    const { results } = await env.DB.prepare('SELECT id FROM cases WHERE shop_id = ? AND number = ?')
      .bind(shop.id, numbers[1])
      .all<{ id: string }>();
    const caseId = results[0]!.id;
    const asAgent = await adminSession(shop.domain, clock.now(), ann.member.id);
    const refused = await app.request(
      asAgent.post(`/admin/cases/${caseId}/assign`, { memberId: bea.member.id }),
      undefined,
      env,
    );
    expect(refused.status).toBe(403);
    const session = await adminSession(shop.domain, clock.now(), manager.member.id);
    const page = await (await app.request(session.get(`/admin/cases/${caseId}`), undefined, env)).text();
    expect(page).toContain(`action="/admin/cases/${caseId}/assign"`);
    const res = await app.request(
      session.post(`/admin/cases/${caseId}/assign`, { memberId: ann.member.id }),
      undefined,
      env,
    );
    expect(res.status).toBe(303);
    const mine = await page_(ann.member.id);
    expect(mine).toContain(`>R-${numbers[1]}<`);
  });
});

const page_ = (memberId: string) => page(memberId, 'mine');
