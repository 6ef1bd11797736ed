/**
 * The first-run checklist: each step is read from the shop's real state and flips when that state
 * changes; it leads the queue for managers until done or skipped ("skip for now", CSRF-checked,
 * a manager's); every member may read it; it speaks German and Chinese.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { savePolicy } from '../../src/admin/settings-store';
import { defaultPolicy } from '../../src/cases/policy-schema';
import { createSupportAddress } from '../../src/conversations/support-addresses';
import { DEMO_SHOP_DOMAIN } from '../../src/db/demo-data';
import { seedDemoShop } from '../../src/db/seed';
import { storeShopTokens } from '../../src/integrations/shopify/shop-credentials';
import { createServices } from '../../src/services';
import { updateMember } from '../../src/team/members';
import { createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';
import { adminSession, formFields } from './admin-session';

const app = createApp({ services: (e) => createServices(e) });
/** The same app against real Shopify: a token must be stored before the shop counts as connected. */
const liveApp = createApp({ services: (e) => createServices({ ...e, INTEGRATIONS: 'live' }) });
const s = () => createServices(env);

async function newShop() {
  const shop = await createShop(env.DB, { domain: `setup-${crypto.randomUUID().slice(0, 8)}.myshopify.com` });
  return { shop, a: await adminSession(shop.domain) };
}

async function html(req: Request, lang?: string, on = app) {
  if (lang) req.headers.set('accept-language', lang);
  const res = await on.request(req, undefined, env);
  expect(res.status).toBe(200);
  return res.text();
}

/** Each step's state as the page states it in words: `key → done`. */
function states(page: string): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const m of page.matchAll(/<li data-setup-item="(\w+)" data-done="(true|false)"><span[^>]*>([^<]+)<\/span>/g)) {
    // The state is said in words, and the marker agrees with them.
    expect(m[2] === 'true', m[1]).toBe(m[3] === 'Done');
    out[m[1]!] = m[3] === 'Done';
  }
  return out;
}

const validAddress = {
  name: 'Returns dept.',
  address1: 'Hauptstraße 5',
  address2: '',
  city: 'Berlin',
  province: '',
  zip: '10115',
  countryCode: 'de',
  phone: '',
};

describe('each step follows the shop’s state', () => {
  it('starts open on a new shop and closes each step where its work is done', async () => {
    const { shop, a } = await newShop();
    const before = states(await html(a.get('/admin/setup')));
    // Local integrations stand in for Shopify, so only that step starts done.
    expect(before).toEqual({ shopify: true, returnAddress: false, emailSender: false, policy: false, team: false });

    expect((await app.request(a.post('/admin/settings/return-address', validAddress), undefined, env)).status).toBe(
      303,
    );
    await createSupportAddress(s(), shop.id, { address: `help@${shop.id.toLowerCase()}.example` }, 'operator');
    const policyForm = formFields(await html(a.get('/admin/policy')), '/admin/policy');
    const saved = await app.request(a.post('/admin/policy', { ...policyForm, intent: 'save' }), undefined, env);
    expect(saved.status).toBe(303);
    await memberWithToken(shop.id, 'owner');
    expect(states(await html(a.get('/admin/setup'))).team).toBe(false);
    await memberWithToken(shop.id, 'agent');

    const page = await html(a.get('/admin/setup'));
    expect(states(page)).toEqual({ shopify: true, returnAddress: true, emailSender: true, policy: true, team: true });
    expect(page).toContain('All done: your shop is set up.');
    expect(page).not.toContain('action="/admin/setup/dismiss"');
  });

  it('counts Shopify as connected only with a usable token when talking to real Shopify', async () => {
    const { shop, a } = await newShop();
    const open = await html(a.get('/admin/setup'), undefined, liveApp);
    expect(states(open).shopify).toBe(false);
    expect(open).toContain(`href="/auth/shopify?shop=${shop.domain}"`);
    const grant = {
      accessToken: 'shpat_live',
      refreshToken: undefined,
      refreshTokenExpiresAt: undefined,
      expiresAt: Date.now() + 3_600_000,
      scope: 'read_orders',
    };
    await storeShopTokens(s(), shop.id, grant);
    expect(states(await html(a.get('/admin/setup'), undefined, liveApp)).shopify).toBe(true);
    // Expired, with nothing to refresh it: background work could not use it.
    await storeShopTokens(s(), shop.id, { ...grant, expiresAt: Date.now() - 1000 });
    expect(states(await html(a.get('/admin/setup'), undefined, liveApp)).shopify).toBe(false);
  });

  it('counts the policy as reviewed once it differs from the starter policy, even saved through the API', async () => {
    const { shop, a } = await newShop();
    await savePolicy(s(), shop.id, { before: defaultPolicy(), policy: defaultPolicy(), actor: 'operator' });
    expect(states(await html(a.get('/admin/setup'))).policy).toBe(false);
    // The SLA screen writes the same document; that is not the return policy.
    const slaOnly = defaultPolicy();
    slaOnly.sla.calendar = 'business';
    await savePolicy(s(), shop.id, { before: defaultPolicy(), policy: slaOnly, actor: 'operator' });
    expect(states(await html(a.get('/admin/setup'))).policy).toBe(false);
    await savePolicy(s(), shop.id, {
      before: defaultPolicy(),
      policy: { ...defaultPolicy(), returnWindowDays: 14 },
      actor: 'operator',
    });
    expect(states(await html(a.get('/admin/setup'))).policy).toBe(true);
  });

  it('reopens the team step when a member leaves', async () => {
    const { shop, a } = await newShop();
    await memberWithToken(shop.id, 'owner');
    const { member } = await memberWithToken(shop.id, 'agent');
    expect(states(await html(a.get('/admin/setup'))).team).toBe(true);
    await updateMember(s(), shop.id, member.id, { active: false }, 'operator');
    expect(states(await html(a.get('/admin/setup'))).team).toBe(false);
  });

  it('refuses an incomplete return address beside its fields and keeps what was typed', async () => {
    const { shop, a } = await newShop();
    const res = await app.request(
      a.post('/admin/settings/return-address', { ...validAddress, city: ' ', countryCode: 'Germany' }),
      undefined,
      env,
    );
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('id="f-city-error">Fill in this field.');
    expect(page).toContain('id="f-countryCode-error">Enter a two-letter country code');
    expect(page).toContain('value="Hauptstraße 5"');
    expect(states(await html(a.get('/admin/setup'))).returnAddress).toBe(false);
    // Saved: the form shows it again, the country code upper-cased, and the shop's other settings survive.
    await app.request(a.post('/admin/settings/return-address', validAddress), undefined, env);
    const form = formFields(await html(a.get('/admin/settings/return-address')), '/admin/settings/return-address');
    expect(form).toMatchObject({ city: 'Berlin', countryCode: 'DE', address2: '' });
    const row = await env.DB.prepare('SELECT settings FROM shops WHERE id = ?')
      .bind(shop.id)
      .first<{ settings: string }>();
    expect(JSON.parse(row!.settings)).toMatchObject({ integrations: 'local', returnAddress: { city: 'Berlin' } });
  });
});

describe('on the queue, and skipping it', () => {
  it('leads the queue while steps are open, until a manager skips it with the form', async () => {
    const { a } = await newShop();
    const queue = await html(a.get('/admin'));
    expect(queue).toMatch(/<h1>Case queue<\/h1>[\s\S]*<h2 id="setup-card-title">Set up your shop<\/h2>[\s\S]*<table>/);
    expect(queue).toContain('href="/admin/settings/return-address"');
    const forged = await app.request(a.post('/admin/setup/dismiss', {}, false), undefined, env);
    expect(forged.status).toBe(403);
    expect(await html(a.get('/admin'))).toContain('setup-card-title');

    const res = await app.request(a.post('/admin/setup/dismiss', {}), undefined, env);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/setup?dismissed=1');
    expect(await html(a.get('/admin'))).not.toContain('setup-card-title');
    const page = await html(a.get('/admin/setup?dismissed=1'));
    expect(page).toContain('The checklist no longer shows on the queue.');
    expect(states(page).returnAddress).toBe(false);
    expect(page).not.toContain('action="/admin/setup/dismiss"');
  });

  it('leaves the queue by itself once every step is done', async () => {
    const { shop, a } = await newShop();
    await app.request(a.post('/admin/settings/return-address', validAddress), undefined, env);
    await createSupportAddress(s(), shop.id, { address: `help@${shop.id.toLowerCase()}.example` }, 'operator');
    await savePolicy(s(), shop.id, {
      before: defaultPolicy(),
      policy: { ...defaultPolicy(), returnWindowDays: 60 },
      actor: 'operator',
    });
    await memberWithToken(shop.id, 'owner');
    expect(await html(a.get('/admin'))).toContain('setup-card-title');
    await memberWithToken(shop.id, 'manager');
    expect(await html(a.get('/admin'))).not.toContain('setup-card-title');
  });
});

describe('who may see and skip it', () => {
  it('shows every member the list, but only managers and owners the queue card and the skip button', async () => {
    const { shop } = await newShop();
    const agent = await adminSession(shop.domain, Date.now(), (await memberWithToken(shop.id, 'agent')).member.id);
    const manager = await adminSession(shop.domain, Date.now(), (await memberWithToken(shop.id, 'manager')).member.id);
    const agentPage = await html(agent.get('/admin/setup'));
    expect(states(agentPage).returnAddress).toBe(false);
    expect(agentPage).not.toContain('action="/admin/setup/dismiss"');
    expect(await html(agent.get('/admin'))).not.toContain('setup-card-title');
    expect((await app.request(agent.post('/admin/setup/dismiss', {}), undefined, env)).status).toBe(403);
    expect((await app.request(agent.get('/admin/settings/return-address'), undefined, env)).status).toBe(403);

    expect(await html(manager.get('/admin/setup'))).toContain('action="/admin/setup/dismiss"');
    expect((await app.request(manager.post('/admin/setup/dismiss', {}), undefined, env)).status).toBe(303);
  });
});

describe('languages', () => {
  it('renders the checklist and the return address screen in German and Chinese', async () => {
    const { a } = await newShop();
    const de = await html(a.get('/admin/setup'), 'de');
    expect(de).toContain('<html lang="de">');
    for (const text of ['Shop einrichten', 'Rücksendeadresse angeben', 'Offen', 'Erledigt', 'Später erledigen'])
      expect(de).toContain(text);
    const zh = await html(a.get('/admin/setup'), 'zh-CN');
    expect(zh).toContain('<html lang="zh-CN">');
    for (const text of ['完成店铺设置', '填写退货地址', '待完成', '已完成', '稍后再说']) expect(zh).toContain(text);
    for (const page of [de, zh])
      for (const en of ['Set up your shop', 'To do', 'Skip for now']) expect(page).not.toContain(en);

    expect(await html(a.get('/admin/settings/return-address'), 'de')).toContain('Straße und Hausnummer');
    expect(await html(a.get('/admin/settings/return-address'), 'zh-CN')).toContain('街道和门牌号');
    expect(await html(a.get('/admin'), 'de')).toContain('<h2 id="setup-card-title">Shop einrichten</h2>');
  });
});

describe('the demo shop', () => {
  it('is a shop that has been set up: its admin opens on the queue, the checklist all done', async () => {
    await seedDemoShop(env.DB, Date.now());
    const a = await adminSession(DEMO_SHOP_DOMAIN);
    expect(Object.values(states(await html(a.get('/admin/setup'))))).toEqual([true, true, true, true, true]);
    expect(await html(a.get('/admin'))).not.toContain('setup-card-title');
  });
});
