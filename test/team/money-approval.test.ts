/**
 * Four eyes on large refunds: money above the acting role's limit is held (202, `ApprovalRequested`)
 * and moves only when a role whose limit covers it approves, once.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { openReturn } from '../../src/commands/open-return';
import { createServices } from '../../src/services';
import { caseServices } from '../cases/helpers';
import { createOrder, createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';

const { s, clock, shopifyAdmin, stripeRefunds } = caseServices(Date.now());
const app = createApp({ services: (e) => createServices(e, { clock, shopifyAdmin, stripeRefunds }) });
type M = Awaited<ReturnType<typeof memberWithToken>>;
let agent: M, specialist: M, manager: M;
let shopId: string;

const act = (who: M, caseId: string, body: object) =>
  app.request(
    `/api/admin/cases/${caseId}/actions`,
    { method: 'POST', headers: { ...who.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) },
    env,
  );

async function receivedReturn(priceMinor: number) {
  const { order, lines } = await createOrder(
    env.DB,
    shopId,
    { deliveredDaysAgo: 2, lines: [{ priceMinor }] },
    clock.now(),
  );
  const { caseId } = await openReturn(s, {
    shopId,
    orderId: order.id,
    items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_small' }],
    resolution: 'refund',
    method: 'drop_off',
  });
  for (const action of [{ action: 'approve' as const }, { action: 'receive' as const }])
    await applyCaseAction(s, { shopId, caseId, actor: 'operator', action });
  return caseId;
}

const count = async (sql: string, caseId: string) =>
  ((await env.DB.prepare(sql).bind(caseId).first<{ n: number }>())?.n ?? 0) as number;

beforeAll(async () => {
  shopId = (await createShop(env.DB, {}, clock.now())).id;
  agent = await memberWithToken(shopId, 'agent');
  specialist = await memberWithToken(shopId, 'specialist');
  manager = await memberWithToken(shopId, 'manager');
});

describe('money above the limit', () => {
  it('runs at once within the limit', async () => {
    const caseId = await receivedReturn(5_000);
    expect((await act(agent, caseId, { action: 'refund' })).status).toBe(200);
    expect(await count('SELECT COUNT(*) AS n FROM refunds WHERE case_id = ?', caseId)).toBe(1);
  });

  it('waits for a manager: held, refused to the agent and a specialist, released once by the manager', async () => {
    const caseId = await receivedReturn(15_000);
    const held = await act(agent, caseId, { action: 'refund' });
    expect(held.status).toBe(202);
    const { approval } = (await held.json()) as {
      status: string;
      approval: { requestId: string; amountMinor: number };
    };
    // The policy's quote after its fees: more than the agent's 100.00.
    expect(approval.amountMinor).toBe(14_500);
    expect(await count('SELECT COUNT(*) AS n FROM refunds WHERE case_id = ?', caseId)).toBe(0);

    const approve = { action: 'approve_money', requestId: approval.requestId };
    expect((await act(agent, caseId, approve)).status).toBe(403);
    expect((await act(specialist, caseId, approve)).status).toBe(403);
    expect((await act(manager, caseId, approve)).status).toBe(200);
    expect((await act(manager, caseId, approve)).status).toBe(409);
    expect(await count('SELECT COUNT(*) AS n FROM refunds WHERE case_id = ?', caseId)).toBe(1);

    const { results } = await env.DB.prepare(
      "SELECT type, actor FROM case_events WHERE case_id = ? AND type IN ('ApprovalRequested','ApprovalGranted','CaseResolved') ORDER BY at, rowid",
    )
      .bind(caseId)
      .all();
    expect(results).toEqual([
      { type: 'ApprovalRequested', actor: agent.member.id },
      { type: 'ApprovalGranted', actor: manager.member.id },
      { type: 'CaseResolved', actor: manager.member.id },
    ]);
  });

  it('a manager declines held money once: nothing is paid, the decline is recorded, approving it after is refused', async () => {
    const caseId = await receivedReturn(15_000);
    const held = (await (await act(agent, caseId, { action: 'refund' })).json()) as { approval: { requestId: string } };
    const decline = { action: 'decline_money', requestId: held.approval.requestId, reason: 'worn' };
    expect((await act(agent, caseId, decline)).status).toBe(403);
    expect((await act(specialist, caseId, decline)).status).toBe(403);
    expect((await act(manager, caseId, { ...decline, extra: 1 })).status).toBe(400);
    const declined = await act(manager, caseId, decline);
    expect(declined.status).toBe(200);
    expect(((await declined.json()) as { status: string }).status).toBe('declined');
    expect((await act(manager, caseId, decline)).status).toBe(409);
    expect((await act(manager, caseId, { action: 'approve_money', requestId: held.approval.requestId })).status).toBe(
      409,
    );
    expect(await count('SELECT COUNT(*) AS n FROM refunds WHERE case_id = ?', caseId)).toBe(0);
    const { results } = await env.DB.prepare(
      "SELECT type, actor FROM case_events WHERE case_id = ? AND type LIKE 'Approval%' ORDER BY at, rowid",
    )
      .bind(caseId)
      .all();
    expect(results).toEqual([
      { type: 'ApprovalRequested', actor: agent.member.id },
      { type: 'ApprovalDeclined', actor: manager.member.id },
    ]);
  });
});
