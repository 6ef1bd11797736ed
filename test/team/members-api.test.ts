/**
 * `/api/admin/members*` and `/api/admin/me`: members are created and changed by managers, tokens
 * are shown once, hashed at rest, revocable and reach their own shop only, and the case timeline
 * names the member who acted.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { openReturn } from '../../src/commands/open-return';
import { createServices } from '../../src/services';
import { caseServices } from '../cases/helpers';
import { createOrder, createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';

const { s, clock } = caseServices(Date.now());
const app = createApp({ services: (e) => createServices(e, { clock }) });
const OPERATOR = 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm';
const json = { 'content-type': 'application/json' };
const call = (path: string, auth: Record<string, string>, init: RequestInit = {}) =>
  app.request(path, { ...init, headers: { ...auth, ...json, ...(init.headers as object) } }, env);

let shop: Awaited<ReturnType<typeof createShop>>;
let other: Awaited<ReturnType<typeof createShop>>;
const operator = () => ({ authorization: OPERATOR, 'x-shop-domain': shop.domain });

beforeAll(async () => {
  shop = await createShop(env.DB, { domain: 'team-a.myshopify.com' }, clock.now());
  other = await createShop(env.DB, { domain: 'team-b.myshopify.com' }, clock.now());
});

describe('members', () => {
  it('the operator creates the first owner, who then manages the team with a personal token', async () => {
    const body = JSON.stringify({ email: 'Owner@Example.com', name: 'Olga Owner', role: 'owner' });
    const created = await call('/api/admin/members', operator(), { method: 'POST', body });
    expect(created.status).toBe(201);
    const owner = (await created.json()) as { id: string; email: string; capacity: number };
    expect(owner).toMatchObject({ email: 'owner@example.com', capacity: 10, status: 'available', active: true });

    const issued = await call(`/api/admin/members/${owner.id}/tokens`, operator(), { method: 'POST' });
    expect(issued.status).toBe(201);
    const { token } = (await issued.json()) as { token: string };
    expect(token).toMatch(new RegExp(`^aftercare_mt_${shop.id}\\.`));
    const stored = await env.DB.prepare('SELECT token_hash FROM member_tokens WHERE member_id = ?')
      .bind(owner.id)
      .first();
    expect(JSON.stringify(stored)).not.toContain(token.split('.')[1]);

    const me = await call('/api/admin/me', { authorization: `Bearer ${token}` });
    expect(await me.json()).toMatchObject({
      kind: 'member',
      member: owner.id,
      role: 'owner',
      shop: { domain: shop.domain },
    });

    const agent = await call(
      '/api/admin/members',
      { authorization: `Bearer ${token}` },
      {
        method: 'POST',
        body: JSON.stringify({
          email: 'ann@example.com',
          name: 'Ann',
          role: 'agent',
          languages: ['de'],
          skills: ['return'],
        }),
      },
    );
    expect(agent.status).toBe(201);
    const dup = await call('/api/admin/members', operator(), {
      method: 'POST',
      body: JSON.stringify({ email: 'ANN@example.com', name: 'Ann again', role: 'agent' }),
    });
    expect(dup.status).toBe(409);
  });

  it('PATCH changes role, capacity, skills, languages and status; bad input is a 400 that changes nothing', async () => {
    const { member } = await memberWithToken(shop.id, 'agent');
    const ok = await call(`/api/admin/members/${member.id}`, operator(), {
      method: 'PATCH',
      body: JSON.stringify({
        role: 'specialist',
        capacity: 3,
        skills: ['warranty'],
        languages: ['zh-CN'],
        status: 'away',
      }),
    });
    expect(await ok.json()).toMatchObject({ role: 'specialist', capacity: 3, skills: ['warranty'], status: 'away' });
    const bad = await call(`/api/admin/members/${member.id}`, operator(), {
      method: 'PATCH',
      body: JSON.stringify({ capacity: -1 }),
    });
    expect(bad.status).toBe(400);
    const missing = await call('/api/admin/members/mem_00000000000000000000000000', operator(), {
      method: 'PATCH',
      body: JSON.stringify({ capacity: 1 }),
    });
    expect(missing.status).toBe(404);
  });

  it('a manager cannot make an owner or change one; an agent cannot change the team (403)', async () => {
    const manager = await memberWithToken(shop.id, 'manager');
    const owner = await memberWithToken(shop.id, 'owner');
    const agent = await memberWithToken(shop.id, 'agent');
    const promote = await call(`/api/admin/members/${agent.member.id}`, manager.auth, {
      method: 'PATCH',
      body: JSON.stringify({ role: 'owner' }),
    });
    expect(promote.status).toBe(403);
    const demote = await call(`/api/admin/members/${owner.member.id}`, manager.auth, {
      method: 'PATCH',
      body: JSON.stringify({ role: 'agent' }),
    });
    expect(demote.status).toBe(403);
    const byAgent = await call(`/api/admin/members/${agent.member.id}`, agent.auth, {
      method: 'PATCH',
      body: JSON.stringify({ capacity: 99 }),
    });
    expect(byAgent.status).toBe(403);
    const theirToken = await call(`/api/admin/members/${manager.member.id}/tokens`, agent.auth, { method: 'POST' });
    expect(theirToken.status).toBe(403);
    const ownToken = await call(`/api/admin/members/${agent.member.id}/tokens`, agent.auth, { method: 'POST' });
    expect(ownToken.status).toBe(201);
  });
});

describe('member tokens', () => {
  it('never reach another shop: X-Shop-Domain of another shop is 403, a token with another shop id is 401', async () => {
    const { token, auth } = await memberWithToken(shop.id, 'owner');
    const elsewhere = await call('/api/admin/cases', { ...auth, 'x-shop-domain': other.domain });
    expect(elsewhere.status).toBe(403);
    const forged = token.replace(shop.id, other.id);
    const moved = await call('/api/admin/cases', { authorization: `Bearer ${forged}` });
    expect(moved.status).toBe(401);
    const own = await call('/api/admin/cases', auth);
    expect(own.status).toBe(200);
  });

  it('record their last use, are listed without the secret, and stop working once revoked', async () => {
    const { member, auth } = await memberWithToken(shop.id, 'agent');
    expect((await call('/api/admin/me', auth)).status).toBe(200);
    const list = (await (await call(`/api/admin/members/${member.id}/tokens`, auth)).json()) as {
      tokens: { id: string; lastUsedAt: number | null; token?: string }[];
    };
    expect(list.tokens).toHaveLength(1);
    expect(list.tokens[0]!.lastUsedAt).toBe(clock.now());
    expect(list.tokens[0]!.token).toBeUndefined();
    const revoked = await call(`/api/admin/members/${member.id}/tokens/${list.tokens[0]!.id}`, auth, {
      method: 'DELETE',
    });
    expect(revoked.status).toBe(204);
    expect((await call('/api/admin/me', auth)).status).toBe(401);
  });

  it('of a deactivated member are refused', async () => {
    const { member, auth } = await memberWithToken(shop.id, 'agent');
    await call(`/api/admin/members/${member.id}`, operator(), {
      method: 'PATCH',
      body: JSON.stringify({ active: false }),
    });
    expect((await call('/api/admin/me', auth)).status).toBe(401);
  });
});

describe('the case timeline names who acted', () => {
  it('a member token acts as the member id; ADMIN_TOKEN acts as the operator', async () => {
    const { order, lines } = await createOrder(env.DB, shop.id, { deliveredDaysAgo: 2 }, clock.now());
    const opened = await openReturn(s, {
      shopId: shop.id,
      orderId: order.id,
      items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_small' }],
      resolution: 'refund',
      method: 'drop_off',
    });
    const { member, auth } = await memberWithToken(shop.id, 'agent');
    const note = (who: Record<string, string>, text: string) =>
      call(`/api/admin/cases/${opened.caseId}/actions`, who, {
        method: 'POST',
        body: JSON.stringify({ action: 'note', text }),
      });
    expect((await note(auth, 'from the member')).status).toBe(200);
    expect((await note(operator(), 'from the operator')).status).toBe(200);
    const events = await env.DB.prepare(
      "SELECT actor FROM case_events WHERE case_id = ? AND type = 'NoteAdded' ORDER BY at, rowid",
    )
      .bind(opened.caseId)
      .all();
    expect(events.results.map((e) => e.actor)).toEqual([member.id, 'operator']);
  });
});
