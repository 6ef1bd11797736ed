/** `/admin/team`: managers invite, edit and deactivate members from plain forms; agents only read. */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { createServices } from '../../src/services';
import { adminSession } from '../admin/admin-session';
import { createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';

const app = createApp({ services: (e) => createServices(e) });
let shop: Awaited<ReturnType<typeof createShop>>;
let manager: Awaited<ReturnType<typeof memberWithToken>>;
let agent: Awaited<ReturnType<typeof memberWithToken>>;

beforeAll(async () => {
  shop = await createShop(env.DB, { domain: 'team-screens.myshopify.com' });
  manager = await memberWithToken(shop.id, 'manager', { name: 'Mia Manager' });
  agent = await memberWithToken(shop.id, 'agent', { name: 'Ari Agent' });
});

describe('team screens', () => {
  it('a manager invites a member and deactivates another', async () => {
    const session = await adminSession(shop.domain, Date.now(), manager.member.id);
    const invite = {
      name: 'Nia New',
      email: 'nia@example.com',
      role: 'specialist',
      capacity: '4',
      languages: 'en, de',
      skills: 'warranty',
    };
    const created = await app.request(session.post('/admin/team', invite), undefined, env);
    expect(created.status).toBe(303);
    const row = await env.DB.prepare('SELECT role, capacity, languages FROM members WHERE email = ?')
      .bind('nia@example.com')
      .first();
    expect(row).toEqual({ role: 'specialist', capacity: 4, languages: '["en","de"]' });
    const edit = { role: 'agent', capacity: '10', status: 'available', languages: '', skills: '', active: 'false' };
    expect((await app.request(session.post(`/admin/team/${agent.member.id}`, edit), undefined, env)).status).toBe(303);
    const page = await (await app.request(session.get('/admin/team'), undefined, env)).text();
    expect(page).toContain('Nia New');
    expect(page).toContain('deactivated');
  });

  it('a manager cannot invite an owner; an agent sees the team without forms', async () => {
    const session = await adminSession(shop.domain, Date.now(), manager.member.id);
    const owner = { name: 'Ova', email: 'ova@example.com', role: 'owner', capacity: '1' };
    expect((await app.request(session.post('/admin/team', owner), undefined, env)).status).toBe(403);
    const other = await memberWithToken(shop.id, 'agent', { name: 'Abe Agent' });
    const asAgent = await adminSession(shop.domain, Date.now(), other.member.id);
    const page = await (await app.request(asAgent.get('/admin/team'), undefined, env)).text();
    expect(page).toContain('Mia Manager');
    expect(page).not.toContain('Invite a member');
  });
});
