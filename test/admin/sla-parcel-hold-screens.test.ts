import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { findShopById, shopPolicy } from '../../src/db/shops';
import { createServices } from '../../src/services';
import { type adminSession, formFields } from './admin-session';
import { returnCaseWithSession } from './return-case';

const app = createApp();
const call = (req: Request) => app.fetch(req, env);
const HELD_AT = Date.UTC(2026, 11, 3, 9, 15);

/** The resolution clock's hold while a parcel is away: set on the SLA screen, shown on the case page. */
describe('pausing the resolution clock while the parcel is away, on screens', () => {
  let a: Awaited<ReturnType<typeof adminSession>>;
  let shopId: string;
  let caseId: string;
  beforeAll(async () => {
    const { shop, caseId: id, session } = await returnCaseWithSession({ timezone: 'Europe/Berlin' });
    shopId = shop.id;
    caseId = id;
    a = session;
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

  it.each([
    ['en', 'Resolution clock paused while the parcel is on its way back, since Dec 3, 2026, 10:15 AM.'],
    ['de', 'Lösungsfrist angehalten, solange das Paket zurück unterwegs ist – seit 03.12.2026, 10:15.'],
    ['zh-CN', '退货包裹寄回途中，处理时限已暂停计时（自 2026年12月3日 10:15 起）。'],
  ])('the case page says in %s since when the resolution clock waits for the parcel', async (lang, text) => {
    expect(await (await get(`/admin/cases/${caseId}`, lang)).text()).not.toContain('data-resolution-held');
    await env.DB.prepare('UPDATE cases SET sla_resolution_held_at = ? WHERE shop_id = ? AND id = ?')
      .bind(HELD_AT, shopId, caseId)
      .run();
    const html = await (await get(`/admin/cases/${caseId}`, lang)).text();
    const held = /<span class="muted" data-resolution-held[^>]*>([\s\S]*?)<\/span>/.exec(html)?.[1] ?? '';
    expect(held).toContain(`datetime="${new Date(HELD_AT).toISOString()}"`);
    expect(held.replace(/<[^>]+>/g, '').replace(/\u202f|\u00a0/g, ' ')).toBe(text);
    await env.DB.prepare('UPDATE cases SET sla_resolution_held_at = NULL WHERE shop_id = ? AND id = ?')
      .bind(shopId, caseId)
      .run();
  });
});
