/**
 * Every change to a shop's configuration writes exactly one `shop_events` row, in the change's own
 * batch: through the admin API and screens as a member (so the actor is that member), and a change
 * that fails (a duplicate, an unknown id) writes none.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { createServices } from '../../src/services';
import { memberForShopifyUser } from '../../src/team/members';
import { createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';
import { adminSession } from './admin-session';

const app = createApp();

interface EventRow {
  type: string;
  actor: string;
  data: Record<string, unknown>;
}

async function eventsOf(shopId: string): Promise<EventRow[]> {
  const rows = await env.DB.prepare('SELECT type, actor, data FROM shop_events WHERE shop_id = ? ORDER BY at, id')
    .bind(shopId)
    .all<{ type: string; actor: string; data: string }>();
  return rows.results.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}

/** A fresh shop, a manager with an API token and a screen session of the same manager. */
async function newShop() {
  const shop = await createShop(env.DB, { domain: `audit-${crypto.randomUUID().slice(0, 8)}.myshopify.com` });
  const manager = await memberWithToken(shop.id, 'manager');
  const screen = await adminSession(shop.domain, Date.now(), manager.member.id);
  const before = (await eventsOf(shop.id)).length;
  const api = (method: string, path: string, body?: unknown) =>
    app.request(
      path,
      {
        method,
        headers: { ...manager.auth, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      env,
    );
  /** The events written since the shop was set up (its manager's invitation and token are older). */
  const since = async () => (await eventsOf(shop.id)).slice(before);
  return { shop, actor: manager.member.id, api, screen, since };
}

const macro = { name: 'On its way', bodies: { en: 'Order {{ order.name }} is on its way.' } };
const article = { slug: 'refunds', locale: 'en', title: 'Refunds', body: 'Refunds take 5 days.', status: 'published' };
const procedure = {
  key: 'gift',
  titles: { en: 'Gift returns' },
  caseTypes: ['return'],
  reasons: [],
  steps: [{ labels: { en: 'Check the gift receipt' } }],
};

describe('the return policy and SLA', () => {
  it('PUT /api/admin/policy records what changed; a policy that only changes the SLA is SlaChanged', async () => {
    const { api, actor, since } = await newShop();
    const policy = await (await api('GET', '/api/admin/policy')).json<Record<string, unknown>>();
    expect((await api('PUT', '/api/admin/policy', { ...policy, returnWindowDays: 45 })).status).toBe(200);
    const sla = policy['sla'] as Record<string, unknown>;
    const slaOnly = { ...policy, returnWindowDays: 45, sla: { ...sla, pauseResolutionWhileParcelAway: false } };
    expect((await api('PUT', '/api/admin/policy', slaOnly)).status).toBe(200);
    expect((await api('PUT', '/api/admin/policy', { ...policy, returnWindowDays: -1 })).status).toBe(400);
    const events = await since();
    expect(events.map((e) => e.type)).toEqual(['PolicyChanged', 'SlaChanged']);
    expect(events[0]).toMatchObject({ actor, data: { changes: { returnWindowDays: { from: 30, to: 45 } } } });
    expect(events[1]!.data['changes']).toEqual({ 'sla.pauseResolutionWhileParcelAway': { from: true, to: false } });
  });

  it('PUT /api/admin/taxonomy names the tags that came and the reasons relabelled; a refused one writes none', async () => {
    const { api, since } = await newShop();
    const taxonomy = await (await api('GET', '/api/admin/taxonomy')).json<{ tags: unknown[]; reasons: unknown[] }>();
    const [first, ...others] = taxonomy.reasons as Array<{ code: string; label: string }>;
    const next = { tags: [{ code: 'vip', label: 'VIP' }], reasons: [{ ...first!, label: 'Too tight' }, ...others] };
    expect((await api('PUT', '/api/admin/taxonomy', next)).status).toBe(200);
    expect(
      (await api('PUT', '/api/admin/taxonomy', { tags: [{ code: 'Not Valid', label: 'x' }], reasons: [] })).status,
    ).toBe(400);
    const events = await since();
    expect(events.map((e) => e.type)).toEqual(['TaxonomyChanged']);
    expect(events[0]!.data['changes']).toMatchObject({
      'tags.vip': { from: null, to: { label: 'VIP', labels: {} } },
      [`reasons.${first!.code}.label`]: { from: first!.label, to: 'Too tight' },
    });
  });

  it('the blocklist, the webhook secret (never its value) and the setup checklist’s skip each write one', async () => {
    const { screen, actor, since } = await newShop();
    const post = (path: string, fields: Record<string, string> = {}) => app.fetch(screen.post(path, fields), env);
    expect((await post('/admin/policy/blocklist', { value: 'Fraud@Example.com', reason: 'chargebacks' })).status).toBe(
      303,
    );
    expect((await post('/admin/policy/blocklist', { value: 'not an email' })).status).toBe(400);
    expect((await post('/admin/sla/webhook-secret')).status).toBe(303);
    expect((await post('/admin/setup/dismiss')).status).toBe(303);
    const events = await since();
    expect(events.map((e) => [e.type, e.actor])).toEqual([
      ['BlocklistEntryAdded', actor],
      ['WebhookSecretRotated', actor],
      ['SetupSkipped', actor],
    ]);
    expect(events[0]!.data).toMatchObject({ value: 'fraud@example.com' });
    expect(JSON.stringify(events)).not.toContain('whsec_');
  });
});

describe('templates and the return address', () => {
  it('saving and resetting a template, and a reset with nothing to reset writes nothing', async () => {
    const { screen, since } = await newShop();
    const path = '/admin/templates/return_approved/en';
    const save = { intent: 'save', subject: 'Approved: {{ case_number }}', text: 'We approved it.', html: '' };
    expect((await app.fetch(screen.post(path, save), env)).status).toBe(303);
    expect((await app.fetch(screen.post(path, { intent: 'reset' }), env)).status).toBe(303);
    expect((await app.fetch(screen.post(path, { intent: 'reset' }), env)).status).toBe(303);
    const events = await since();
    expect(events.map((e) => e.type)).toEqual(['TemplateChanged', 'TemplateReset']);
    expect(events[0]!.data).toMatchObject({
      name: 'return_approved',
      locale: 'en',
      changes: { subject: { from: null, to: 'Approved: {{ case_number }}' } },
    });
  });

  it('the return address records the fields that changed; a refused form records nothing', async () => {
    const { screen, since } = await newShop();
    const address = { name: 'Returns', address1: 'Main St 1', address2: '', city: 'Berlin' };
    const rest = { province: '', zip: '10115', countryCode: 'DE', phone: '' };
    const post = (f: Record<string, string>) => app.fetch(screen.post('/admin/settings/return-address', f), env);
    expect((await post({ ...address, ...rest })).status).toBe(303);
    expect((await post({ ...address, ...rest, countryCode: 'Germany' })).status).toBe(400);
    expect((await post({ ...address, ...rest, city: 'Hamburg' })).status).toBe(303);
    const events = await since();
    expect(events.map((e) => e.type)).toEqual(['ReturnAddressChanged', 'ReturnAddressChanged']);
    expect(events[1]!.data['changes']).toEqual({ city: { from: 'Berlin', to: 'Hamburg' } });
  });
});

describe('the team', () => {
  it('invite, role change, deactivation, a token issued and revoked; an unknown member writes nothing', async () => {
    const { api, actor, since } = await newShop();
    const invite = { email: 'new@example.com', name: 'Nia New', role: 'agent' };
    const member = await (await api('POST', '/api/admin/members', invite)).json<{ id: string }>();
    expect((await api('POST', '/api/admin/members', invite)).status).toBe(409);
    expect((await api('PATCH', `/api/admin/members/${member.id}`, { role: 'specialist' })).status).toBe(200);
    expect((await api('PATCH', '/api/admin/members/mem_01J00000000000000000000000', { capacity: 1 })).status).toBe(404);
    const token = await (await api('POST', `/api/admin/members/${member.id}/tokens`, {})).json<{ id: string }>();
    expect((await api('DELETE', `/api/admin/members/${member.id}/tokens/${token.id}`)).status).toBe(204);
    expect((await api('DELETE', `/api/admin/members/${member.id}/tokens/${token.id}`)).status).toBe(404);
    expect((await api('PATCH', `/api/admin/members/${member.id}`, { active: false })).status).toBe(200);
    const events = await since();
    expect(events.map((e) => e.type)).toEqual([
      'MemberInvited',
      'MemberRoleChanged',
      'MemberTokenIssued',
      'MemberTokenRevoked',
      'MemberDeactivated',
    ]);
    expect(events.every((e) => e.actor === actor)).toBe(true);
    expect(events[1]!.data).toMatchObject({
      memberId: member.id,
      changes: { role: { from: 'agent', to: 'specialist' } },
    });
    expect(JSON.stringify(events)).not.toContain('aftercare_mt_');
  });

  it('a Shopify staff user’s first visit records MemberJoined by the system, once', async () => {
    const { shop, since } = await newShop();
    const s = createServices(env);
    await memberForShopifyUser(s, shop.id, '9001');
    await memberForShopifyUser(s, shop.id, '9001');
    expect((await since()).map((e) => [e.type, e.actor])).toEqual([['MemberJoined', 'system']]);
  });
});

describe('the knowledge base', () => {
  it('macros: saved, updated, deleted; a duplicate name (refused inside the batch) writes no event', async () => {
    const { api, since } = await newShop();
    const created = await (await api('POST', '/api/admin/macros', macro)).json<{ id: string }>();
    expect((await api('POST', '/api/admin/macros', macro)).status).toBe(409);
    const other = await (await api('POST', '/api/admin/macros', { ...macro, name: 'Other' })).json<{ id: string }>();
    expect((await api('PUT', `/api/admin/macros/${other.id}`, macro)).status).toBe(409);
    expect((await api('PUT', `/api/admin/macros/${created.id}`, { ...macro, name: 'Shipped' })).status).toBe(200);
    expect((await api('DELETE', `/api/admin/macros/${created.id}`)).status).toBe(204);
    expect((await api('DELETE', `/api/admin/macros/${created.id}`)).status).toBe(404);
    const events = await since();
    expect(events.map((e) => e.type)).toEqual(['MacroSaved', 'MacroSaved', 'MacroSaved', 'MacroDeleted']);
    expect(events[2]!.data).toMatchObject({ changes: { name: { from: 'On its way', to: 'Shipped' } } });
  });

  it('articles: saved, updated, deleted; a slug twice in a language writes no event', async () => {
    const { api, since } = await newShop();
    const created = await (await api('POST', '/api/admin/articles', article)).json<{ id: string }>();
    expect((await api('POST', '/api/admin/articles', article)).status).toBe(409);
    expect((await api('PUT', `/api/admin/articles/${created.id}`, { ...article, title: 'Money back' })).status).toBe(
      200,
    );
    expect((await api('DELETE', `/api/admin/articles/${created.id}`)).status).toBe(204);
    const events = await since();
    expect(events.map((e) => e.type)).toEqual(['ArticleSaved', 'ArticleSaved', 'ArticleDeleted']);
    expect(events[1]!.data).toMatchObject({
      title: 'Money back',
      changes: { title: { from: 'Refunds', to: 'Money back' } },
    });
  });

  it('procedures: saved, updated, deleted; a key twice writes no event', async () => {
    const { api, since } = await newShop();
    const created = await (await api('POST', '/api/admin/procedures', procedure)).json<{ id: string }>();
    expect((await api('POST', '/api/admin/procedures', procedure)).status).toBe(409);
    const changed = { ...procedure, titles: { en: 'Gifts' } };
    expect((await api('PUT', `/api/admin/procedures/${created.id}`, changed)).status).toBe(200);
    expect((await api('DELETE', `/api/admin/procedures/${created.id}`)).status).toBe(204);
    const events = await since();
    expect(events.map((e) => e.type)).toEqual(['ProcedureSaved', 'ProcedureSaved', 'ProcedureDeleted']);
    expect(events[1]!.data['changes']).toEqual({ 'titles.en': { from: 'Gift returns', to: 'Gifts' } });
  });
});

describe('support addresses', () => {
  it('added, changed, removed; an address another shop has, or a patch that changes nothing, writes none', async () => {
    const { shop, api, since } = await newShop();
    const domain = `${shop.domain.split('.')[0]}.example`;
    const address = `help@${domain}`;
    expect((await api('POST', '/api/admin/support-addresses', { address })).status).toBe(201);
    expect((await api('POST', '/api/admin/support-addresses', { address })).status).toBe(409);
    const path = `/api/admin/support-addresses/${encodeURIComponent(address)}`;
    const replyFrom = `team@${domain}`;
    expect((await api('PATCH', path, { replyFrom })).status).toBe(200);
    expect((await api('PATCH', path, { replyFrom })).status).toBe(200);
    expect((await api('DELETE', path)).status).toBe(204);
    expect((await api('DELETE', path)).status).toBe(404);
    const events = await since();
    expect(events.map((e) => e.type)).toEqual([
      'SupportAddressAdded',
      'SupportAddressChanged',
      'SupportAddressRemoved',
    ]);
    expect(events[1]!.data['changes']).toEqual({ replyFrom: { from: address, to: replyFrom } });
  });
});
