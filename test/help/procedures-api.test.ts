import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { installStarterSet } from '../../src/help/starter-set';
import { createServices } from '../../src/services';
import { adminSession, formFields } from '../admin/admin-session';
import { createShop } from '../helpers/factory';

const app = createApp();
const SHOP = 'procedures-shop.myshopify.com';
const OTHER = 'procedures-other.myshopify.com';
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

interface Procedure {
  id: string;
  key: string;
  titles: Record<string, string>;
  caseTypes: string[];
  reasons: string[];
  steps: Array<{ id: string; labels: Record<string, string> }>;
}

const gift = {
  key: 'gift',
  titles: { en: 'Gift returns', de: 'Geschenkrücksendungen' },
  caseTypes: ['return'],
  reasons: ['changed_mind'],
  steps: [{ labels: { en: 'Refund as store credit to the giver' } }, { labels: { de: 'Geschenkbeleg prüfen' } }],
};

beforeAll(async () => {
  const s = createServices(env);
  const shop = await createShop(env.DB, { domain: SHOP });
  await installStarterSet(s, shop.id);
  await installStarterSet(s, shop.id);
  await createShop(env.DB, { domain: OTHER });
});

describe('procedures through the admin API', () => {
  it('start a new shop with the starter set, every step in en, zh-CN and de (installed twice, still once)', async () => {
    const res = await api('GET', '/api/admin/procedures');
    expect(res.status).toBe(200);
    const { procedures } = await res.json<{ procedures: Procedure[] }>();
    expect(procedures.map((p) => p.key)).toEqual([
      'complaint',
      'damaged',
      'exchange',
      'inquiry',
      'return',
      'warranty',
      'wrong',
    ]);
    const damaged = procedures.find((p) => p.key === 'damaged')!;
    expect(damaged.steps[0]).toEqual({
      id: 'damaged.photos',
      labels: {
        en: 'Ask for photos of the parcel and the item',
        'zh-CN': '请顾客提供包裹和商品的照片',
        de: 'Fotos von Paket und Artikel anfordern',
      },
    });
    for (const p of procedures)
      for (const step of p.steps) expect(Object.keys(step.labels).sort()).toEqual(['de', 'en', 'zh-CN']);
    // Another shop's are not there.
    const other = await (await api('GET', '/api/admin/procedures', undefined, OTHER)).json<{ procedures: [] }>();
    expect(other.procedures).toEqual([]);
  });

  it('create, read, update and delete, step ids kept through edits; bad input is a 400, a key twice a 409', async () => {
    const created = await api('POST', '/api/admin/procedures', gift);
    expect(created.status).toBe(201);
    const row = await created.json<Procedure>();
    expect(row.steps.map((s) => s.id)).toEqual(['gift.step-1', 'gift.step-2']);
    expect((await api('POST', '/api/admin/procedures', gift)).status).toBe(409);
    const bad = await api('POST', '/api/admin/procedures', { ...gift, key: 'other', caseTypes: ['refund'] });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');

    const edited = {
      ...gift,
      steps: [
        { id: 'gift.step-2', labels: { de: 'Geschenkbeleg prüfen', en: 'Check the gift receipt' } },
        { labels: { en: 'Thank them' } },
      ],
    };
    const put = await api('PUT', `/api/admin/procedures/${row.id}`, edited);
    expect(put.status).toBe(200);
    expect((await put.json<Procedure>()).steps.map((s) => s.id)).toEqual(['gift.step-2', 'gift.step-1']);
    const read = await (await api('GET', `/api/admin/procedures/${row.id}`)).json<Procedure>();
    expect(read.steps[0]!.labels.en).toBe('Check the gift receipt');

    expect((await api('GET', `/api/admin/procedures/${row.id}`, undefined, OTHER)).status).toBe(404);
    expect((await api('DELETE', `/api/admin/procedures/${row.id}`, undefined, OTHER)).status).toBe(404);
    expect((await api('DELETE', `/api/admin/procedures/${row.id}`)).status).toBe(204);
    expect((await api('GET', `/api/admin/procedures/${row.id}`)).status).toBe(404);
  });
});

describe('the procedures screen', () => {
  it('lists the procedures in the member’s language and saves an edited step without renumbering', async () => {
    const a = await adminSession(SHOP);
    const de = a.get('/admin/help/procedures');
    de.headers.set('accept-language', 'de');
    const list = await (await app.fetch(de, env)).text();
    expect(list).toContain('<h1>Abläufe</h1>');
    expect(list).toContain('Beschädigter oder defekter Artikel');
    const zh = a.get('/admin/help/procedures');
    zh.headers.set('accept-language', 'zh-CN');
    expect(await (await app.fetch(zh, env)).text()).toContain('商品破损或有质量问题');

    const id = /href="\/admin\/help\/procedures\/(proc_[^"]+_complaint)"/.exec(list)![1]!;
    const edit = await (await app.fetch(a.get(`/admin/help/procedures/${id}`), env)).text();
    const fields = formFields(edit, `/admin/help/procedures/${id}`);
    expect(fields.step_1_id).toBe('complaint.cause');
    const saved = await app.fetch(
      a.post(`/admin/help/procedures/${id}`, {
        ...fields,
        step_1_en: 'Find the cause and write it down',
        step_0_remove: '1',
        step_3_en: 'Follow up a week later',
      }),
      env,
    );
    expect(saved.status).toBe(303);
    const row = await (await api('GET', `/api/admin/procedures/${id}`)).json<Procedure>();
    expect(row.steps.map((s) => s.id)).toEqual(['complaint.cause', 'complaint.goodwill', 'complaint.step-1']);
    expect(row.steps[0]!.labels).toEqual({
      en: 'Find the cause and write it down',
      'zh-CN': '查明原因并记录',
      de: 'Ursache finden und notieren',
    });
    expect(row.steps[2]!.labels).toEqual({ en: 'Follow up a week later' });
  });

  it('answers a form without any case type with the form again and the reason, not a 5xx', async () => {
    const a = await adminSession(SHOP);
    const res = await app.fetch(
      a.post('/admin/help/procedures', { key: 'empty', title_en: 'Empty', step_0_en: 'Something' }),
      env,
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Case types needs at least one entry.');
  });
});
