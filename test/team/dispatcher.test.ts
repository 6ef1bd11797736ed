/**
 * The Dispatcher, through the real Durable Object and D1: new cases go to members who fit, under
 * capacity, least loaded; freed capacity (a case rejected, a member back from away) takes the
 * oldest waiting case; manual assign is audited and needs `cases.assign` unless taken for oneself.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { openReturn } from '../../src/commands/open-return';
import { runEffects } from '../../src/queue/effects';
import { createServices } from '../../src/services';
import { caseServices } from '../cases/helpers';
import { createOrder, createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';

const { s, clock } = caseServices(Date.now());
const app = createApp({ services: (e) => createServices(e, { clock }) });
const json = { 'content-type': 'application/json' };

let shop: Awaited<ReturnType<typeof createShop>>;
type M = Awaited<ReturnType<typeof memberWithToken>>;
let ann: M, bob: M, dora: M, manager: M;

async function openOne(i: number) {
  clock.advance(1000); // distinct opening times: the queue is oldest first
  const { order, lines } = await createOrder(env.DB, shop.id, { name: `#7${i}`, deliveredDaysAgo: 2 }, clock.now());
  const r = await openReturn(s, {
    shopId: shop.id,
    orderId: order.id,
    items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_small' }],
    resolution: 'refund',
    method: 'drop_off',
  });
  await runEffects(s, r.effects);
  return r.caseId;
}

/** Open cases → assignee. */
async function assignees(): Promise<Record<string, string | null>> {
  const { results } = await env.DB.prepare(
    "SELECT id, assignee_id FROM cases WHERE shop_id = ? AND status NOT IN ('resolved','closed','rejected')",
  )
    .bind(shop.id)
    .all();
  return Object.fromEntries(results.map((r) => [r.id as string, r.assignee_id as string | null]));
}
const loadOf = (a: Record<string, string | null>, id: string) => Object.values(a).filter((v) => v === id).length;

beforeAll(async () => {
  shop = await createShop(env.DB, { domain: 'dispatch.myshopify.com' }, clock.now());
  ann = await memberWithToken(shop.id, 'agent', { languages: ['en'], capacity: 2 });
  bob = await memberWithToken(shop.id, 'agent', { languages: ['en'], capacity: 2 });
  dora = await memberWithToken(shop.id, 'agent', { languages: ['de'], capacity: 5 });
  manager = await memberWithToken(shop.id, 'manager', { capacity: 0 });
});

describe('the dispatcher', () => {
  const ids: string[] = [];

  it('assigns concurrent new cases to members who speak the language, never past capacity, evenly', async () => {
    ids.push(...(await Promise.all([0, 1, 2, 3, 4].map(openOne))));
    const a = await assignees();
    expect(loadOf(a, ann.member.id)).toBe(2);
    expect(loadOf(a, bob.member.id)).toBe(2);
    expect(loadOf(a, dora.member.id)).toBe(0);
    expect(Object.values(a).filter((v) => v === null)).toHaveLength(1);
    const event = await env.DB.prepare(
      "SELECT actor, data FROM case_events WHERE case_id = ? AND type = 'CaseAssigned'",
    )
      .bind(ids.find((id) => a[id] !== null))
      .first();
    expect(event?.actor).toBe('dispatcher');
  });

  it('gives the waiting case to whoever frees capacity when one of theirs is rejected', async () => {
    const before = await assignees();
    const waiting = ids.find((id) => before[id] === null)!;
    const annCase = ids.find((id) => before[id] === ann.member.id)!;
    const r = await applyCaseAction(s, {
      shopId: shop.id,
      caseId: annCase,
      actor: ann.member.id,
      action: { action: 'reject', reason: 'outside the window' },
    });
    await runEffects(s, r.effects);
    expect((await assignees())[waiting]).toBe(ann.member.id);
  });

  it('lists "mine" and "unassigned" by assignee=me|none and shows the assignee on each case', async () => {
    const mine = await app.request('/api/admin/cases?assignee=me', { headers: bob.auth }, env);
    const body = (await mine.json()) as { cases: { id: string; assignee: string | null }[] };
    expect(body.cases).toHaveLength(2);
    expect(body.cases.every((c) => c.assignee === bob.member.id)).toBe(true);
    const none = await app.request('/api/admin/cases?assignee=none', { headers: bob.auth }, env);
    expect(((await none.json()) as { cases: unknown[] }).cases).toHaveLength(0);
  });

  it('manual assign: a manager reassigns (audited), an agent may take a case only for themself', async () => {
    const a = await assignees();
    const bobCase = ids.find((id) => a[id] === bob.member.id)!;
    const post = (who: M, memberId: string) =>
      app.request(
        `/api/admin/cases/${bobCase}/actions`,
        { method: 'POST', headers: { ...who.auth, ...json }, body: JSON.stringify({ action: 'assign', memberId }) },
        env,
      );
    expect((await post(ann, dora.member.id)).status).toBe(403);
    const byManager = await post(manager, dora.member.id);
    expect(byManager.status).toBe(200);
    const detail = (await byManager.json()) as { case: { case: { assignee: string } } };
    expect(detail.case.case.assignee).toBe(dora.member.id);
    const event = await env.DB.prepare(
      "SELECT actor FROM case_events WHERE case_id = ? AND type = 'CaseAssigned' ORDER BY at DESC, rowid DESC",
    )
      .bind(bobCase)
      .first();
    expect(event?.actor).toBe(manager.member.id);
    expect((await post(ann, ann.member.id)).status).toBe(200);
    expect((await assignees())[bobCase]).toBe(ann.member.id);
  });

  it('a member back from away takes the oldest waiting case at once', async () => {
    const patch = (status: string) =>
      app.request(
        `/api/admin/members/${bob.member.id}`,
        { method: 'PATCH', headers: { ...manager.auth, ...json }, body: JSON.stringify({ status }) },
        env,
      );
    await patch('away');
    const waiting = [await openOne(8), await openOne(9)];
    // ann is full (2) and dora speaks German: both wait.
    expect(waiting.map((id) => ids.includes(id))).toEqual([false, false]);
    let a = await assignees();
    expect(waiting.map((id) => a[id])).toEqual([null, null]);
    expect((await patch('available')).status).toBe(200);
    a = await assignees();
    expect(waiting.map((id) => a[id])).toEqual([bob.member.id, null]);
  });
});

describe('deactivating a member', () => {
  it('puts their open cases back in the queue, taken when capacity is raised', async () => {
    const before = await assignees();
    const annCases = Object.keys(before).filter((id) => before[id] === ann.member.id);
    expect(annCases.length).toBeGreaterThan(0);
    await app.request(
      `/api/admin/members/${ann.member.id}`,
      { method: 'PATCH', headers: { ...manager.auth, ...json }, body: JSON.stringify({ active: false, capacity: 0 }) },
      env,
    );
    // Bob is full and Dora speaks German: they wait, unassigned.
    let after = await assignees();
    expect(annCases.map((id) => after[id])).toEqual(annCases.map(() => null));
    // More capacity for Bob takes them at once.
    await app.request(
      `/api/admin/members/${bob.member.id}`,
      { method: 'PATCH', headers: { ...manager.auth, ...json }, body: JSON.stringify({ capacity: 10 }) },
      env,
    );
    after = await assignees();
    expect(annCases.map((id) => after[id])).toEqual(annCases.map(() => bob.member.id));
  });
});
