/**
 * The return policy screen as a merchant uses it, through the Worker: rows posted as a browser
 * would post them become the stored policy; row buttons add, reorder and retire without saving;
 * rule rows compile to the rule objects the engine evaluates; "try it" names the rule that fires;
 * bad input is a 400 page in the member's language that changes nothing; JSON import and export.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { evaluateRequest } from '../../src/cases/policy';
import { defaultPolicy, type Policy } from '../../src/cases/policy-schema';
import { findShopByDomain, shopPolicy } from '../../src/db/shops';
import { loadOrderFacts } from '../../src/db/order-facts';
import { createServices } from '../../src/services';
import { createOrder, createShop } from '../helpers/factory';
import { adminSession } from './admin-session';

const app = createApp();
const SHOP = 'policy-screen-shop.myshopify.com';
const call = (req: Request) => app.fetch(req, env);
const s = createServices(env);
const policyOf = async () => shopPolicy((await findShopByDomain(s, SHOP))!);

let a: Awaited<ReturnType<typeof adminSession>>;
let shopId: string;
let smallOrderId: string;

/**
 * Every named field of the form posting to `action`, as a browser submits it: each checked box with
 * its own value (a group repeats the name), each select's chosen option, text and hidden inputs.
 */
function formPairs(html: string, action: string): Array<[string, string]> {
  const start = html.indexOf(`action="${action}"`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const unescapeHtml = (v: string) =>
    v
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
  const out: Array<[string, string]> = [];
  for (const m of form.matchAll(/<input([^>]*)>|<select([^>]*)>([\s\S]*?)<\/select>/g)) {
    const attrs = m[1] ?? m[2]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name) continue;
    const value = /value="([^"]*)"/.exec(attrs)?.[1];
    if (m[2] !== undefined) {
      const chosen = /<option value="([^"]*)" selected/.exec(m[3]!) ?? /<option value="([^"]*)"/.exec(m[3]!);
      out.push([name, unescapeHtml(chosen?.[1] ?? '')]);
    } else if (/type="checkbox"/.test(attrs)) {
      if (/\schecked/.test(attrs)) out.push([name, unescapeHtml(value ?? 'on')]);
    } else out.push([name, unescapeHtml(value ?? '')]);
  }
  return out;
}
/** The same as a record (the last value of a repeated name wins: for single-valued fields). */
const formFields = (html: string, action: string): Record<string, string> =>
  Object.fromEntries(formPairs(html, action));

/** A form post with repeated names (checkbox groups), optionally in another language. */
function post(path: string, fields: Array<[string, string]> | Record<string, string>, language?: string) {
  const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
  return new Request(`http://admin.test${path}`, {
    method: 'POST',
    headers: {
      cookie: a.cookie,
      'content-type': 'application/x-www-form-urlencoded',
      ...(language ? { 'accept-language': language } : {}),
    },
    body: new URLSearchParams([['_csrf', a.csrf], ...pairs]).toString(),
  });
}
const page = async (path = '/admin/policy', language?: string) =>
  (
    await call(
      new Request(`http://admin.test${path}`, {
        headers: { cookie: a.cookie, ...(language ? { 'accept-language': language } : {}) },
      }),
    )
  ).text();
const editor = async () => formPairs(await page(), '/admin/policy');
/** The form's pairs with some fields set (replacing every value of those names). */
const set = (pairs: Array<[string, string]>, over: Record<string, string>): Array<[string, string]> => [
  ...pairs.filter(([k]) => !(k in over)),
  ...Object.entries(over),
];
const reset = async (policy: Policy) =>
  env.DB.prepare('UPDATE shops SET policy = ? WHERE id = ?').bind(JSON.stringify(policy), shopId).run();

beforeAll(async () => {
  const shop = await createShop(env.DB, { domain: SHOP });
  shopId = shop.id;
  const small = await createOrder(env.DB, shop.id, {
    name: '#3001',
    deliveredDaysAgo: 3,
    lines: [{ title: 'Mug', quantity: 1, priceMinor: 4000, productType: 'Kitchen' }],
  });
  smallOrderId = small.order.id;
  await createOrder(env.DB, shop.id, {
    name: '#3002',
    deliveredDaysAgo: 3,
    lines: [{ title: 'Sofa', quantity: 1, priceMinor: 90_000, productType: 'Furniture' }],
  });
  await env.DB.prepare(`UPDATE customers SET tags = '["wholesale"]' WHERE shop_id = ?`).bind(shop.id).run();
  a = await adminSession(SHOP);
});

describe('reasons as rows', () => {
  it('round-trips the stored policy through the form unchanged', async () => {
    const before = await policyOf();
    const res = await call(post('/admin/policy', set(await editor(), { intent: 'save' })));
    expect(res.status).toBe(303);
    expect(await policyOf()).toEqual(before);
  });

  it('adds a reason with a Chinese label and a photo requirement, without saving until Save', async () => {
    const before = await policyOf();
    const added = await call(post('/admin/policy', set(await editor(), { intent: 'reason.add' })));
    expect(added.status).toBe(200);
    const html = await added.text();
    const n = before.reasons.length;
    expect(html).toContain(`name="reason.${n}.label.zh-CN"`);
    expect(await policyOf()).toEqual(before);
    const fields = formFields(html, '/admin/policy');
    const res = await call(
      post('/admin/policy', {
        ...fields,
        [`reason.${n}.label.en`]: 'Box crushed',
        [`reason.${n}.label.zh-CN`]: '外包装压坏',
        [`reason.${n}.photoRequired`]: 'on',
        [`reason.${n}.shippingPaidBy`]: 'merchant',
        [`reason.${n}.priority`]: 'high',
        [`reason.${n}.caseType`]: 'complaint',
        intent: 'save',
      }),
    );
    expect(res.status).toBe(303);
    const after = await policyOf();
    expect(after.reasons.slice(0, n)).toEqual(before.reasons);
    expect(after.reasons[n]).toEqual({
      code: 'box_crushed',
      label: { en: 'Box crushed', 'zh-CN': '外包装压坏' },
      photoRequired: true,
      shippingPaidBy: 'merchant',
      waiveFees: false,
      priority: 'high',
      caseType: 'complaint',
    });
  });

  it('reorders with Move up/down and retires a reason (kept for history, no longer offered)', async () => {
    const before = await policyOf();
    const moved = await (await call(post('/admin/policy', set(await editor(), { intent: 'reason.down.0' })))).text();
    const fields = formFields(moved, '/admin/policy');
    expect([fields['reason.0.code'], fields['reason.1.code']]).toEqual([
      before.reasons[1]!.code,
      before.reasons[0]!.code,
    ]);
    const retired = await (await call(post('/admin/policy', { ...fields, intent: 'reason.retire.3' }))).text();
    expect(retired).toContain('name="reason.3.retired" value="on"');
    expect(await policyOf()).toEqual(before);
    expect(
      (await call(post('/admin/policy', { ...formFields(retired, '/admin/policy'), intent: 'save' }))).status,
    ).toBe(303);
    const after = await policyOf();
    expect(after.reasons.map((r) => r.code)).toEqual([
      before.reasons[1]!.code,
      before.reasons[0]!.code,
      ...before.reasons.slice(2).map((r) => r.code),
    ]);
    expect(after.reasons[3]).toEqual({ ...before.reasons[3], retired: true });
    // The engine refuses a new request naming it, and still finds its rules for past cases.
    const loaded = (await loadOrderFacts(s, { id: shopId, timezone: 'UTC' }, after, smallOrderId))!;
    const lineId = loaded.lines[0]!.id;
    const asked = (reason: string) =>
      evaluateRequest({
        ...loaded.facts,
        items: [{ lineId, quantity: 1, reason, photoCount: 1 }],
        resolution: 'refund',
      });
    expect(asked(after.reasons[3]!.code).problems.map((p) => p.code)).toEqual(['unknown_reason']);
    expect(asked(after.reasons[0]!.code).problems).toEqual([]);
    // The Shopper API no longer lists it.
    const lookup = await call(
      new Request(`http://admin.test/api/portal/${SHOP}/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.77' },
        body: JSON.stringify({ order: '#3001', email: 'shopper@example.com' }),
      }),
    );
    const offered = ((await lookup.json()) as { order: { reasons: Array<{ code: string }> } }).order.reasons;
    expect(offered.map((r) => r.code)).toEqual(after.reasons.filter((r) => !r.retired).map((r) => r.code));
    expect(offered.map((r) => r.code)).not.toContain(after.reasons[3]!.code);
    // A stored reason cannot be removed, only retired: there is no Remove button on it.
    expect(retired).not.toContain('value="reason.remove.3"');
    await reset(before);
  });
});

describe('rules as when/then rows', () => {
  const ruleRows: Array<[string, string]> = [
    ['autoApprove.0.name', 'Small damage'],
    ['autoApprove.0.when.0.field', 'reason'],
    ['autoApprove.0.when.0.op', 'in'],
    ['autoApprove.0.when.0.value', 'damaged'],
    ['autoApprove.0.when.0.value', 'defective'],
    ['autoApprove.0.when.1.field', 'orderValueMinor'],
    ['autoApprove.0.when.1.op', 'lt'],
    ['autoApprove.0.when.1.value', '100.00'],
    ['autoApprove.0.then', 'approve'],
    ['routing.0.name', 'Wholesale to tier 2'],
    ['routing.0.when.0.field', 'customerTag'],
    ['routing.0.when.0.op', 'eq'],
    ['routing.0.when.0.value', 'wholesale'],
    ['routing.0.tier', '2'],
    ['routing.0.priority', 'high'],
  ];

  it('offers exactly the engine fields, and the shop’s reasons, tags and product types as values', async () => {
    const added = await (await call(post('/admin/policy', set(await editor(), { intent: 'autoApprove.add' })))).text();
    const menu = /<select[^>]*name="autoApprove\.0\.newField"[^>]*>([\s\S]*?)<\/select>/.exec(added)![1]!;
    expect([...menu.matchAll(/value="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual([
      'customerReturns',
      'customerTag',
      'itemValueMinor',
      'orderValueMinor',
      'productType',
      'reason',
      'resolution',
    ]);
    expect(added).toMatch(/<datalist id="dl-customerTag">[\s\S]*value="wholesale"/);
    expect(added).toMatch(/<datalist id="dl-productType">[\s\S]*value="Furniture"/);
    const withCondition = await (
      await call(
        post('/admin/policy', {
          ...formFields(added, '/admin/policy'),
          'autoApprove.0.newField': 'reason',
          intent: 'autoApprove.when.add.0',
        }),
      )
    ).text();
    const values = /<select[^>]*name="autoApprove\.0\.when\.0\.value"[^>]*>([\s\S]*?)<\/select>/.exec(
      withCondition,
    )![1]!;
    expect(values).toContain('value="damaged"');
    expect(values).toContain('Arrived damaged');
  });

  it('compiles posted rows to the rule objects the engine evaluates', async () => {
    const base = (await editor()).filter(([k]) => !/^(autoApprove|routing)\./.test(k));
    const res = await call(post('/admin/policy', [...set(base, { intent: 'save' }), ...ruleRows]));
    expect(res.status).toBe(303);
    const after = await policyOf();
    expect(after.autoApprove).toEqual([
      {
        name: 'Small damage',
        when: [
          { field: 'reason', op: 'in', value: ['damaged', 'defective'] },
          { field: 'orderValueMinor', op: 'lt', value: 10_000 },
        ],
        then: 'approve',
      },
    ]);
    expect(after.routing).toEqual([
      {
        name: 'Wholesale to tier 2',
        when: [{ field: 'customerTag', op: 'eq', value: 'wholesale' }],
        tier: 2,
        priority: 'high',
      },
    ]);
    // And back: the stored rules are shown as the same rows, which save to the same rules.
    expect((await call(post('/admin/policy', set(await editor(), { intent: 'save' })))).status).toBe(303);
    expect(await policyOf()).toEqual(after);
  });

  it('"try it" names the rule that fires and why, on the unsaved rows, without saving', async () => {
    const stored = await policyOf();
    const fields = await editor();
    const tried = await call(
      post(
        '/admin/policy',
        set(fields, { tryOrder: '#3001', tryReason: 'damaged', tryResolution: 'refund', intent: 'try' }),
      ),
    );
    expect(tried.status).toBe(200);
    const html = await tried.text();
    expect(html).toContain('data-decision="approve"');
    expect(html).toContain('the rule “Small damage” fires.');
    expect(html).toMatch(/<li data-fires="true">“Small damage” fires:/);
    expect(html).toContain('Routing rule “Wholesale to tier 2” applies.');
    const big = await (
      await call(post('/admin/policy', set(fields, { tryOrder: '3002', tryReason: 'damaged', intent: 'try' })))
    ).text();
    expect(big).toContain('data-decision="review"');
    expect(big).toMatch(/<li data-fires="false">“Small damage” does not apply:/);
    // Changing the row in the form changes the answer before anything is saved.
    const edited = await (
      await call(
        post(
          '/admin/policy',
          set(fields, {
            'autoApprove.0.when.1.value': '1000.00',
            tryOrder: '#3002',
            tryReason: 'damaged',
            intent: 'try',
          }),
        ),
      )
    ).text();
    expect(edited).toContain('data-decision="approve"');
    expect(await policyOf()).toEqual(stored);
    const missing = await call(post('/admin/policy', set(fields, { tryOrder: '#9999', intent: 'try' })));
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('id="f-tryOrder-error"');
  });
});

describe('refusals', () => {
  it('refuses bad rows with 400, errors beside the fields in the member’s language, and saves nothing', async () => {
    const before = await policyOf();
    const fields = await editor();
    const res = await call(
      post(
        '/admin/policy',
        set(fields, {
          returnWindowDays: '-3',
          'reason.0.label.en': '',
          'reason.0.label.zh-CN': '',
          'reason.0.label.de': '',
          'autoApprove.0.name': '',
          'autoApprove.0.when.1.value': 'lots',
          intent: 'save',
        }),
        'de',
      ),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Nicht gespeichert');
    expect(html).toMatch(
      /id="f-returnWindowDays"[^>]*aria-invalid="true"[^>]*aria-describedby="f-returnWindowDays-error"/,
    );
    expect(html).toContain(
      '<span class="error" id="f-returnWindowDays-error">Bitte eine ganze Zahl von 0 bis 3650 eingeben.</span>',
    );
    expect(html).toContain('id="f-reason-0-label-en-error"');
    expect(html).toContain('id="f-autoApprove-0-name-error"');
    expect(html).toContain('„lots“ ist kein Betrag');
    // What was typed is shown again.
    expect(formFields(html, '/admin/policy')['autoApprove.0.when.1.value']).toBe('lots');
    expect(await policyOf()).toEqual(before);
  });

  it('refuses retiring every reason and a new code that a stored reason holds', async () => {
    const before = await policyOf();
    const fields = await editor();
    const all = Object.fromEntries(before.reasons.map((_, i) => [`reason.${i}.retired`, 'on']));
    const res = await call(post('/admin/policy', set(fields, { ...all, intent: 'save' })));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Keep at least one reason that shoppers can choose.');
    const n = before.reasons.length;
    const dup = await call(
      post(
        '/admin/policy',
        set(fields, { [`reason.${n}.code`]: 'damaged', [`reason.${n}.label.en`]: 'Again', intent: 'save' }),
      ),
    );
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain('Another reason already has the code damaged.');
    expect(await policyOf()).toEqual(before);
  });

  it('refuses a blocklist entry that is not an email with a 400 page beside the field, adding nothing', async () => {
    const count = () =>
      env.DB.prepare('SELECT COUNT(*) AS n FROM blocklist_entries WHERE shop_id = ?').bind(shopId).first('n');
    const before = await count();
    const res = await call(post('/admin/policy/blocklist', { value: 'not-an-email', reason: 'x' }, 'de'));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('id="f-blockValue-error">Bitte eine E-Mail-Adresse zum Sperren eingeben.');
    expect(await count()).toBe(before);
  });

  it('shows the whole screen in Chinese for a Chinese browser', async () => {
    const html = await page('/admin/policy', 'zh-CN');
    expect(html).toContain('<h1>退货政策</h1>');
    expect(html).toContain('添加原因');
    expect(html).toContain('自动审批规则');
    expect(html).not.toContain('Add reason');
  });
});

describe('JSON for power users', () => {
  it('exports the stored document and imports one, refusing a bad one with 400 and no change', async () => {
    const res = await call(new Request('http://admin.test/admin/policy/export', { headers: { cookie: a.cookie } }));
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const exported = (await res.json()) as Policy;
    expect(exported).toEqual(await policyOf());
    const bad = await call(post('/admin/policy/import', { json: '{"returnWindowDays": ' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Not valid JSON');
    const dupes = { ...exported, reasons: [exported.reasons[0], exported.reasons[0]] };
    expect((await call(post('/admin/policy/import', { json: JSON.stringify(dupes) }))).status).toBe(400);
    expect(await policyOf()).toEqual(exported);
    const next = { ...defaultPolicy(), returnWindowDays: 14 };
    const ok = await call(post('/admin/policy/import', { json: JSON.stringify(next) }));
    expect(ok.status).toBe(303);
    expect(await policyOf()).toEqual(next);
  });
});
