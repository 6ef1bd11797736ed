/**
 * The activity screen and `GET /api/admin/activity`: the shop's changes newest first with who, what
 * and the changed fields, in English, German and Chinese; 50 to a page with a `before` link that
 * works without JavaScript; managers and owners only; never another shop's events.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { addBlocklistEntry } from '../../src/admin/settings-store';
import { createServices } from '../../src/services';
import { createMember, updateMember } from '../../src/team/members';
import { createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';
import { adminSession } from './admin-session';

const app = createApp();
const s = () => createServices(env);

async function newShop() {
  const shop = await createShop(env.DB, { domain: `activity-${crypto.randomUUID().slice(0, 8)}.myshopify.com` });
  const manager = await memberWithToken(shop.id, 'manager', { name: 'Mia Manager' });
  const screen = await adminSession(shop.domain, Date.now(), manager.member.id);
  return { shop, manager, screen };
}

const getApi = (path: string, auth: Record<string, string>) => app.request(path, { headers: auth }, env);

async function page(req: Request, lang: string) {
  req.headers.set('accept-language', lang);
  const res = await app.fetch(req, env);
  return { status: res.status, html: await res.text() };
}

interface Feed {
  events: Array<{ type: string; actor: string; actorName: string | null; subject: string | null; data: unknown }>;
  next: string | null;
}

describe('the activity screen', () => {
  it('says who changed what, with the changed fields, in en, de and zh-CN', async () => {
    const { screen } = await newShop();
    const address = { name: 'Returns', address1: 'Main St 1', address2: '', city: 'Berlin' };
    const rest = { province: '', zip: '10115', countryCode: 'DE', phone: '' };
    expect((await app.fetch(screen.post('/admin/settings/return-address', { ...address, ...rest }), env)).status).toBe(
      303,
    );
    const expected = {
      en: ['Activity', 'Changed the return address', 'Invited Mia Manager to the team'],
      de: ['Aktivität', 'Rücksendeadresse geändert', 'Mia Manager ins Team eingeladen'],
      'zh-CN': ['操作记录', '修改了退货地址', '邀请 Mia Manager 加入团队'],
    };
    for (const [lang, words] of Object.entries(expected)) {
      const { status, html } = await page(screen.get('/admin/activity'), lang);
      expect(status).toBe(200);
      for (const w of words) expect(html, `${lang}: ${w}`).toContain(w);
      // Who: the manager made the change; the invitation was the operator's (test helper).
      expect(html).toContain('Mia Manager</td>');
      expect(html).toContain('<code>city</code>');
      expect(html).toContain('<ins>Berlin</ins>');
      expect(html).toMatch(/<time datetime="[^"]+" title="[^"]+UTC/);
    }
  });

  it('pages by a plain before link, 50 to a page; a broken link is a 400 page in the member’s language', async () => {
    const { shop, screen } = await newShop();
    for (let i = 0; i < 55; i++)
      await addBlocklistEntry(s(), shop.id, { kind: 'email', value: `b${i}@example.com`, reason: null }, 'operator');
    const first = await page(screen.get('/admin/activity'), 'en');
    expect(first.html.match(/Blocked b\d+@example\.com from returns/g)).toHaveLength(50);
    expect(first.html).toContain('Blocked b54@example.com');
    const next = /href="\/admin\/activity\?before=([^"]+)"/.exec(first.html)?.[1];
    expect(next).toBeDefined();
    const second = await page(screen.get(`/admin/activity?before=${next}`), 'en');
    expect(second.html.match(/Blocked b\d+@example\.com from returns/g)).toHaveLength(5);
    expect(second.html).toContain('Invited Mia Manager');
    expect(second.html).toContain('Back to the latest changes');
    expect(second.html).not.toContain('?before=');
    const broken = await page(screen.get('/admin/activity?before=yesterday'), 'de');
    expect(broken.status).toBe(400);
    expect(broken.html).toContain('Dieser Seitenlink ist veraltet');
  });

  it('is for managers and owners: an agent gets 403 on the screen and the API', async () => {
    const { shop } = await newShop();
    const agent = await memberWithToken(shop.id, 'agent');
    const owner = await memberWithToken(shop.id, 'owner');
    const agentScreen = await adminSession(shop.domain, Date.now(), agent.member.id);
    expect((await app.fetch(agentScreen.get('/admin/activity'), env)).status).toBe(403);
    expect((await getApi('/api/admin/activity', agent.auth)).status).toBe(403);
    expect((await getApi('/api/admin/activity', owner.auth)).status).toBe(200);
  });
});

describe('GET /api/admin/activity', () => {
  it('answers events newest first with actor names and subjects, and never another shop’s', async () => {
    const a = await newShop();
    const b = await newShop();
    await addBlocklistEntry(
      s(),
      a.shop.id,
      { kind: 'email', value: 'only-a@example.com', reason: null },
      a.manager.member.id,
    );
    const feedA = await (await getApi('/api/admin/activity', a.manager.auth)).json<Feed>();
    expect(feedA.events.map((e) => e.type)).toEqual(['BlocklistEntryAdded', 'MemberTokenIssued', 'MemberInvited']);
    expect(feedA.events[0]).toMatchObject({ actorName: 'Mia Manager', subject: 'only-a@example.com' });
    expect(feedA.next).toBeNull();
    const textB = await (await getApi('/api/admin/activity', b.manager.auth)).text();
    expect(textB).not.toContain('only-a@example.com');
    expect(textB).not.toContain(a.manager.member.id);
  });

  it('names every actor and member on a full page, past the 100 parameters D1 binds in one query', async () => {
    const { shop, manager } = await newShop();
    const input = (i: number) => ({
      email: `m${i}@example.com`,
      name: `Member ${i}`,
      role: 'agent' as const,
      capacity: 1,
      languages: [],
      skills: [],
      status: 'available' as const,
    });
    const members = [];
    for (let i = 0; i < 100; i++) members.push(await createMember(s(), shop.id, input(i), 'operator'));
    // 50 changes, each by a different member to a different member: 100 names on one page.
    for (let i = 0; i < 50; i++) await updateMember(s(), shop.id, members[50 + i]!.id, { capacity: 2 }, members[i]!.id);
    const feed = await (await getApi('/api/admin/activity', manager.auth)).json<Feed>();
    expect(feed.events).toHaveLength(50);
    expect(feed.events[0]).toMatchObject({ type: 'MemberChanged', actorName: 'Member 49', subject: 'Member 99' });
    expect(feed.events.every((e) => e.actorName?.startsWith('Member ') && e.subject?.startsWith('Member '))).toBe(true);
  });

  it('refuses a malformed before with a 400 problem', async () => {
    const { manager } = await newShop();
    const res = await getApi('/api/admin/activity?before=not-a-cursor', manager.auth);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
