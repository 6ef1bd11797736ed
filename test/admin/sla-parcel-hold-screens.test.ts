import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { openReturn } from '../../src/commands/open-return';
import { findShopById, shopPolicy } from '../../src/db/shops';
import { createServices } from '../../src/services';
import { createOrder, createShop } from '../helpers/factory';
import { adminSession, formFields } from './admin-session';

const app = createApp();
const call = (req: Request) => app.fetch(req, env);

/** The resolution clock's hold while a parcel is away: set on the SLA screen, shown on the case page. */
describe('pausing the resolution clock while the parcel is away, on screens', () => {
  let a: Awaited<ReturnType<typeof adminSession>>;
  let shopId: string;
  let caseId: string;
  beforeAll(async () => {
    const shop = await createShop(env.DB, { timezone: 'Europe/Berlin' });
    shopId = shop.id;
    const o = await createOrder(env.DB, shop.id, { deliveredDaysAgo: 3 });
    const items = [{ lineItemId: o.lines[0]!.id, quantity: 1, reason: 'too_small' }];
    caseId = (
      await openReturn(createServices(env), {
        shopId: shop.id,
        orderId: o.order.id,
        items,
        resolution: 'refund',
        method: 'drop_off',
      })
    ).caseId;
    a = await adminSession(shop.domain);
  });

  const get = (path: string, lang = 'en') =>
    call(new Request(`http://admin.test${path}`, { headers: { cookie: a.cookie, 'accept-language': lang } }));
  const pauses = async () =>
    shopPolicy((await findShopById(createServices(env), shopId))!).sla.pauseResolutionWhileParcelAway;

  it('the SLA screen turns the hold off and on again, keeping the other settings', async () => {
    const fields = formFields(await (await get('/admin/sla')).text(), '/admin/sla');
    expect(fields.pauseWhileParcelAway).toBe('on'); // the policy's default
    const { pauseWhileParcelAway: _, ...without } = fields;
    expect((await call(a.post('/admin/sla', without))).status).toBe(303);
    expect(await pauses()).toBe(false);
    const again = formFields(await (await get('/admin/sla')).text(), '/admin/sla');
    expect(again.pauseWhileParcelAway).toBeUndefined();
    expect(again['urgent.firstResponse']).toBe(fields['urgent.firstResponse']);
    expect((await call(a.post('/admin/sla', { ...again, pauseWhileParcelAway: 'on' }))).status).toBe(303);
    expect(await pauses()).toBe(true);
  });

  it.each([
    ['en', 'Pause the resolution clock while the return parcel is on its way'],
    ['de', 'Lösungsfrist anhalten, solange das Rücksendepaket unterwegs ist'],
    ['zh-CN', '退货包裹在途期间暂停处理时限计时'],
  ])('the SLA screen labels the setting in %s', async (lang, label) => {
    const html = await (await get('/admin/sla', lang)).text();
    expect(html).toMatch(
      new RegExp(`<input type="checkbox" name="pauseWhileParcelAway"[^>]*checked=""[^>]*/> ${label}</label>`),
    );
  });
});
