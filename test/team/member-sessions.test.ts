/**
 * Admin screen sessions belong to their holder: a member's logout signs out that member's browsers
 * only; a role change or a deactivation signs the member out; the operator's logout ends the
 * operator's sessions of the shop, never a member's; rotating ADMIN_TOKEN ends operator sessions.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import type { MemberRow } from '../../src/team/members';
import { adminSession } from '../admin/admin-session';
import { createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';

const app = createApp();
const SHOP = 'member-sessions.myshopify.com';
let shopId = '';

beforeAll(async () => {
  shopId = (await createShop(env.DB, { domain: SHOP })).id;
});

type Session = Awaited<ReturnType<typeof adminSession>>;
const opens = async (who: Session, e: typeof env = env) => (await app.fetch(who.get('/admin/dashboard'), e)).status;
const logout = async (who: Session) => (await app.fetch(who.post('/admin/logout', {}), env)).status;

async function signedIn(role: 'agent' | 'manager' = 'agent') {
  const { member, auth } = await memberWithToken(shopId, role);
  return {
    member,
    auth,
    browser: await adminSession(SHOP, Date.now(), member.id),
    other: await adminSession(SHOP, Date.now(), member.id),
  };
}

async function generation(m: MemberRow): Promise<number> {
  const row = await env.DB.prepare('SELECT session_generation AS g FROM members WHERE id = ?')
    .bind(m.id)
    .first<{ g: number }>();
  return row!.g;
}

describe('per-member admin sessions', () => {
  it("member A's logout ends A's sessions in every browser; member B's session keeps working", async () => {
    const a = await signedIn();
    const b = await signedIn();
    expect([await opens(a.browser), await opens(a.other), await opens(b.browser)]).toEqual([200, 200, 200]);
    expect(await logout(a.browser)).toBe(303);
    expect(await opens(a.browser)).toBe(303);
    expect(await opens(a.other)).toBe(303);
    expect(await opens(b.browser)).toBe(200);
    // Signing in again starts at A's new generation.
    expect(await opens(await adminSession(SHOP, Date.now(), a.member.id, await generation(a.member)))).toBe(200);
  });

  it("a role change or a deactivation ends the member's sessions; other edits and other members' sessions do not", async () => {
    const manager = await signedIn('manager');
    const a = await signedIn();
    const b = await signedIn();
    const patch = (id: string, body: Record<string, unknown>) =>
      app.request(
        `/api/admin/members/${id}`,
        {
          method: 'PATCH',
          headers: { ...manager.auth, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
        env,
      );
    expect((await patch(a.member.id, { capacity: 3, role: 'agent' })).status).toBe(200);
    expect(await opens(a.browser), 'same role, new capacity: still signed in').toBe(200);
    expect((await patch(a.member.id, { role: 'specialist' })).status).toBe(200);
    expect(await opens(a.browser)).toBe(303);
    expect(await opens(a.other)).toBe(303);
    expect(await opens(b.browser)).toBe(200);
    expect(await opens(manager.browser)).toBe(200);

    const again = await adminSession(SHOP, Date.now(), a.member.id, await generation(a.member));
    expect(await opens(again)).toBe(200);
    expect((await patch(a.member.id, { active: false })).status).toBe(200);
    expect(await opens(again)).toBe(303);
    expect(await opens(b.browser)).toBe(200);
  });

  it("the operator's logout ends the operator's sessions of the shop, not the members'", async () => {
    const member = await signedIn();
    const shopGen = async () =>
      (await env.DB.prepare('SELECT session_generation AS g FROM shops WHERE id = ?')
        .bind(shopId)
        .first<{ g: number }>())!.g;
    const operator = await adminSession(SHOP, Date.now(), 'operator', await shopGen());
    const operatorElsewhere = await adminSession(SHOP, Date.now(), 'operator', await shopGen());
    expect(await opens(operator)).toBe(200);
    expect(await logout(operator)).toBe(303);
    expect(await opens(operator)).toBe(303);
    expect(await opens(operatorElsewhere)).toBe(303);
    expect(await opens(member.browser)).toBe(200);
  });

  it('rotating ADMIN_TOKEN ends the sessions begun with the old one', async () => {
    const shopGen = (await env.DB.prepare('SELECT session_generation AS g FROM shops WHERE id = ?')
      .bind(shopId)
      .first<{ g: number }>())!.g;
    const operator = await adminSession(SHOP, Date.now(), 'operator', shopGen);
    const member = await signedIn();
    expect(await opens(operator)).toBe(200);
    const rotated = { ...env, ADMIN_TOKEN: 'rotated-admin-token-Qm7Tz2Wc9Lx4Rb8Nv3Hk' };
    expect(await opens(operator, rotated)).toBe(303);
    expect(await opens(member.browser, rotated)).toBe(200);
  });
});
