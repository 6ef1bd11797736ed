import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { openReturn } from '../../src/commands/open-return';
import { createServices } from '../../src/services';
import { adminSession, formFields } from '../admin/admin-session';
import { createOrder, createShop } from '../helpers/factory';

const app = createApp();
const SHOP = 'macros-shop.myshopify.com';
const OTHER = 'macros-other.myshopify.com';
const api = (method: string, path: string, body?: unknown, shop = SHOP) =>
  app.request(
    path,
    {
      method,
      headers: {
        authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm',
        'x-shop-domain': shop,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
    env,
  );
const macro = {
  name: 'Parcel on its way',
  bodies: {
    en: 'Hi {{ customer.name }}, order {{ order.name }} ({{ case.number }}) is on its way.',
    de: 'Hallo {{ customer.name }}, Bestellung {{ order.name }} ({{ case.number }}) ist unterwegs.',
  },
  actions: { tags: ['answered-by-macro'], close: true },
};
let caseId: string;

beforeAll(async () => {
  const s = createServices(env);
  const shop = await createShop(env.DB, { domain: SHOP });
  await createShop(env.DB, { domain: OTHER });
  const o = await createOrder(env.DB, shop.id, { name: '#5101', deliveredDaysAgo: 2 });
  caseId = (
    await openReturn(s, {
      shopId: shop.id,
      orderId: o.order.id,
      items: [{ lineItemId: o.lines[0]!.id, quantity: 1, reason: 'too_small' }],
      resolution: 'refund',
      method: 'drop_off',
      locale: 'de-DE',
    })
  ).caseId;
});

describe('macros', () => {
  it('are saved through the admin API, refused with 400 for an unknown variable, 409 for a name twice', async () => {
    const bad = await api('POST', '/api/admin/macros', { ...macro, bodies: { en: '{{ customer.first }}' } });
    expect(bad.status).toBe(400);
    expect((await bad.json<{ errors: Array<{ path: string }> }>()).errors[0]?.path).toBe('bodies.en');
    const created = await api('POST', '/api/admin/macros', macro);
    expect(created.status).toBe(201);
    expect((await api('POST', '/api/admin/macros', macro)).status).toBe(409);
    const { id } = await created.json<{ id: string }>();
    expect((await api('GET', `/api/admin/macros/${id}`, undefined, OTHER)).status).toBe(404);
    expect((await api('PUT', `/api/admin/macros/${id}`, macro, OTHER)).status).toBe(404);
  });

  it("show on the case page in the case's language and insert into the reply box", async () => {
    const a = await adminSession(SHOP);
    const page = await (await app.fetch(a.get(`/admin/cases/${caseId}`), env)).text();
    expect(page).toMatch(/Hallo [^,]*, Bestellung #5101 \(R-\d+\) ist unterwegs\./);
    const id = /data-macro="(mac_[A-Z0-9]+)"/.exec(page)![1]!;
    const inserted = await (await app.fetch(a.get(`/admin/cases/${caseId}?macro=${id}`), env)).text();
    expect(inserted).toMatch(/<textarea id="reply-body" name="body"[^>]*>Hallo [^<]*ist unterwegs\.<\/textarea>/);
    expect(formFields(inserted, `/admin/cases/${caseId}/reply`).macro).toBe(id);
  });

  it('sent from the reply box: the edited text goes to the customer, then its tags and close apply', async () => {
    const a = await adminSession(SHOP);
    const page = await (await app.fetch(a.get(`/admin/cases/${caseId}`), env)).text();
    const id = /data-macro="(mac_[A-Z0-9]+)"/.exec(page)![1]!;
    const inserted = await (await app.fetch(a.get(`/admin/cases/${caseId}?macro=${id}`), env)).text();
    const fields = formFields(inserted, `/admin/cases/${caseId}/reply`);
    const res = await app.fetch(
      a.post(`/admin/cases/${caseId}/reply`, { ...fields, body: `${fields.body} Viele Grüße`, kind: 'reply' }),
      env,
    );
    expect(res.status).toBe(303);
    expect(decodeURIComponent(res.headers.get('location')!)).toContain(
      'notice=Sent with the macro “Parcel on its way”.',
    );
    const row = await env.DB.prepare('SELECT status, tags FROM cases WHERE id = ?')
      .bind(caseId)
      .first<{ status: string; tags: string }>();
    expect(row?.status).toBe('closed');
    expect(JSON.parse(row!.tags)).toContain('answered-by-macro');
    const sent = await env.DB.prepare("SELECT text FROM messages WHERE case_id = ? AND direction = 'out'")
      .bind(caseId)
      .all<{ text: string }>();
    expect(sent.results.map((m) => m.text)).toEqual([expect.stringMatching(/^Hallo .*ist unterwegs\. Viele Grüße$/)]);
  });
});
