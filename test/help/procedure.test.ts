import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { openReturn } from '../../src/commands/open-return';
import { installStarterSet } from '../../src/help/starter-set';
import { createServices } from '../../src/services';
import { adminSession } from '../admin/admin-session';
import { createOrder, createShop } from '../helpers/factory';

const app = createApp();
const SHOP = 'procedure-shop.myshopify.com';
let caseId: string;

beforeAll(async () => {
  const s = createServices(env);
  const shop = await createShop(env.DB, { domain: SHOP });
  await installStarterSet(s, shop.id);
  const o = await createOrder(env.DB, shop.id, { name: '#6101', deliveredDaysAgo: 2 });
  caseId = (
    await openReturn(s, {
      shopId: shop.id,
      orderId: o.order.id,
      items: [{ lineItemId: o.lines[0]!.id, quantity: 1, reason: 'damaged', photos: ['x/y.jpg'] }],
      resolution: 'refund',
      method: 'drop_off',
    })
  ).caseId;
});

describe('the procedure on the case page', () => {
  it('lists the damaged-return checklist; ticking a step records it on the timeline once', async () => {
    const a = await adminSession(SHOP);
    const page = await (await app.fetch(a.get(`/admin/cases/${caseId}`), env)).text();
    expect(page).toContain('<h2 id="procedure">Procedure</h2>');
    expect(page).toContain('Ask for photos of the parcel and the item');
    expect(page).toContain('Offer a replacement before a refund');

    const tick = () => app.fetch(a.post(`/admin/cases/${caseId}/procedure/damaged.photos`, {}), env);
    expect((await tick()).status).toBe(303);
    expect((await tick()).status).toBe(303);
    const notes = await env.DB.prepare("SELECT reason FROM case_events WHERE case_id = ? AND type = 'NoteAdded'")
      .bind(caseId)
      .all<{ reason: string }>();
    expect(notes.results.map((n) => n.reason)).toEqual([
      'Procedure step done: Ask for photos of the parcel and the item [step:damaged.photos]',
    ]);
    const after = await (await app.fetch(a.get(`/admin/cases/${caseId}`), env)).text();
    expect(after).toMatch(/<li data-step="damaged.photos">.*<s>Ask for photos of the parcel and the item<\/s>/s);
  });

  it('refuses a step the case does not have, and a tick without the CSRF token', async () => {
    const a = await adminSession(SHOP);
    expect((await app.fetch(a.post(`/admin/cases/${caseId}/procedure/complaint.cause`, {}), env)).status).toBe(404);
    const forged = await app.fetch(a.post(`/admin/cases/${caseId}/procedure/damaged.check`, {}, false), env);
    expect(forged.status).toBeGreaterThanOrEqual(400);
  });
});
