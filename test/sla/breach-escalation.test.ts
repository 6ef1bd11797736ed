/**
 * An SLA breach escalates the case to the next tier's members, end to end: the CaseClock's alarm
 * fires the breach (the case was opened far enough in the past that its first-response target ran
 * out), the escalation raises its tier as the shop's rules say, and the Dispatcher takes it from the
 * first-line agent and gives it to a specialist with room (then, on the next breach, a manager).
 */
import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { clockFor } from '../../src/sla/clock-client';
import { memberWithToken } from '../helpers/team';
import { eventually, MIN, quickSla, shopWithCase } from './clock-fixtures';

async function assignTo(caseId: string, memberId: string) {
  await env.DB.prepare('UPDATE cases SET assignee_id = ? WHERE id = ?').bind(memberId, caseId).run();
}

const row = (caseId: string) =>
  env.DB.prepare('SELECT tier, priority, assignee_id AS assignee FROM cases WHERE id = ?')
    .bind(caseId)
    .first<{ tier: number; priority: string; assignee: string | null }>()
    .then((r) => r!);

const assignments = async (caseId: string) =>
  (
    await env.DB.prepare(`SELECT data FROM case_events WHERE case_id = ? AND type = 'CaseAssigned' ORDER BY at, id`)
      .bind(caseId)
      .all<{ data: string }>()
  ).results.map((r) => JSON.parse(r.data) as { memberId: string | null; from: string | null; reason: string });

describe('SLA breach escalation to the next tier', () => {
  it('takes a breached case from the agent and gives it to a specialist', async () => {
    const sla = quickSla();
    const { shop, caseId, createdAt } = await shopWithCase(sla, { createdAt: Date.now() - 5 * MIN });
    const agent = await memberWithToken(shop.id, 'agent', { name: 'Ann Agent' });
    const specialist = await memberWithToken(shop.id, 'specialist', { name: 'Sam Specialist' });
    await assignTo(caseId, agent.member.id);

    await clockFor(env, caseId).start({
      shopId: shop.id,
      caseId,
      priority: 'normal',
      createdAt,
      sla,
    });
    await runDurableObjectAlarm(clockFor(env, caseId));
    const after = await eventually(
      () => row(caseId),
      (r) => r.assignee === specialist.member.id,
    );
    expect(after).toMatchObject({ tier: 2, priority: 'high', assignee: specialist.member.id });
    expect(await assignments(caseId)).toEqual([
      { memberId: null, from: agent.member.id, reason: 'escalation' },
      { memberId: specialist.member.id, from: null, reason: 'capacity' },
    ]);
  });

  it('goes on to a manager when the case breaches in a specialist’s hands', async () => {
    const sla = quickSla();
    const { shop, caseId } = await shopWithCase(sla, { createdAt: Date.now() - 30 * MIN });
    const specialist = await memberWithToken(shop.id, 'specialist', { name: 'Sam Specialist' });
    const manager = await memberWithToken(shop.id, 'manager', { name: 'Max Manager' });
    await memberWithToken(shop.id, 'agent', { name: 'Ann Agent' });
    await env.DB.prepare('UPDATE cases SET tier = 2 WHERE id = ?').bind(caseId).run();
    await assignTo(caseId, specialist.member.id);

    const stub = clockFor(env, caseId);
    // Opened 30 minutes ago at tier 2: first response and resolution have both run out.
    await stub.start({ shopId: shop.id, caseId, priority: 'normal', createdAt: Date.now() - 30 * MIN, sla });
    await runDurableObjectAlarm(stub);
    const after = await eventually(
      () => row(caseId),
      (r) => r.assignee === manager.member.id,
    );
    expect(after.tier).toBe(3);
    expect(after.assignee).toBe(manager.member.id);
  });

  it('leaves a breached case with its assignee when they already work the new tier', async () => {
    const sla = quickSla();
    const { shop, caseId } = await shopWithCase(sla, { createdAt: Date.now() - 5 * MIN });
    const specialist = await memberWithToken(shop.id, 'specialist', { name: 'Sam Specialist' });
    await assignTo(caseId, specialist.member.id);
    const stub = clockFor(env, caseId);
    await stub.start({ shopId: shop.id, caseId, priority: 'normal', createdAt: Date.now() - 5 * MIN, sla });
    await runDurableObjectAlarm(stub);
    const after = await eventually(
      () => row(caseId),
      (r) => r.tier === 2,
    );
    expect(after.assignee).toBe(specialist.member.id);
    expect(await assignments(caseId)).toEqual([]);
  });
});
