import {
  createExecutionContext,
  createScheduledController,
  runDurableObjectAlarm,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/cases/policy-schema';
import worker from '../../src/index';
import { newId } from '../../src/lib/ids';
import { createServices } from '../../src/services';
import { clockFor } from '../../src/sla/clock-client';
import { resyncUndueCases, undueOpenCasesSql } from '../../src/sla/resync-sweep';
import { createShop } from '../helpers/factory';
import { caseRow, quickSla } from './clock-fixtures';

let number = 7000;
async function addCase(
  shopId: string,
  status: string,
  extra: { nextDueAt?: number; breaches?: string[]; createdAt?: number } = {},
) {
  const id = newId('case');
  const at = extra.createdAt ?? Date.now();
  await env.DB.prepare(
    `INSERT INTO cases (id, shop_id, number, type, status, source, currency, created_at, updated_at, next_due_at, breaches)
     VALUES (?, ?, ?, 'return', ?, 'portal', 'USD', ?, ?, ?, ?)`,
  )
    .bind(id, shopId, number++, status, at, at, extra.nextDueAt ?? null, JSON.stringify(extra.breaches ?? []))
    .run();
  return id;
}

async function tick(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe('cron: resync open cases with no due time', () => {
  it('arms a clock for an open case that never had one, once, however often the cron runs', async () => {
    const shop = await createShop(env.DB, { policy: { ...defaultPolicy(), sla: quickSla() } });
    const lost = await addCase(shop.id, 'requested');
    const waiting = await addCase(shop.id, 'waiting_on_customer');
    const closed = await addCase(shop.id, 'closed');
    const timed = await addCase(shop.id, 'approved', { nextDueAt: Date.now() + 3_600_000 });
    const breached = await addCase(shop.id, 'in_transit', { breaches: ['first_response', 'resolution'] });
    expect((await clockFor(env, lost).state()).state).toBeNull();

    await tick();
    const row = await caseRow(lost);
    expect(row.next_due_at).not.toBeNull();
    const first = await clockFor(env, lost).state();
    // One alarm, at the pre-breach warning of the deadline the row now shows.
    expect(first.alarmAt).not.toBeNull();
    expect(first.alarmAt!).toBeLessThanOrEqual(row.next_due_at!);
    expect(first.nextDueAt).toBe(row.next_due_at);
    // The waiting case gets a clock that is paused at once (nothing due while the customer owes us).
    expect((await clockFor(env, waiting).state()).state?.pausedAt).not.toBeNull();
    expect((await caseRow(waiting)).sla_paused_at).not.toBeNull();
    // Closed, already timed and resolution-breached cases are left alone.
    for (const id of [closed, timed, breached]) expect((await clockFor(env, id).state()).state).toBeNull();

    // A second tick finds nothing left to do, and the clock keeps its first start and alarm.
    const again = await resyncUndueCases(createServices(env));
    expect(again).toEqual({ checked: 0, armed: 0, failed: 0, errors: 0 });
    await tick();
    expect(await clockFor(env, lost).state()).toEqual(first);

    // The armed alarm is a real one.
    expect(await runDurableObjectAlarm(clockFor(env, lost))).toBe(true);
  });

  it('puts a running clock’s due time back on a row whose mirror write was lost, without restarting the clock', async () => {
    const shop = await createShop(env.DB, { policy: { ...defaultPolicy(), sla: quickSla() } });
    const id = await addCase(shop.id, 'requested');
    const s = createServices(env);
    await resyncUndueCases(s);
    const before = await clockFor(env, id).state();
    await env.DB.prepare('UPDATE cases SET next_due_at = NULL WHERE id = ?').bind(id).run();
    expect(await resyncUndueCases(s)).toMatchObject({ checked: 1, failed: 0 });
    expect((await caseRow(id)).next_due_at).toBe(before.nextDueAt);
    expect(await clockFor(env, id).state()).toEqual(before);
  });

  it('takes a bounded page per tick, oldest first, and reaches the rest on later ticks', async () => {
    const shop = await createShop(env.DB, { policy: { ...defaultPolicy(), sla: quickSla() } });
    const t = Date.now() - 10_000;
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await addCase(shop.id, 'requested', { createdAt: t + i }));
    const s = createServices(env);
    expect(await resyncUndueCases(s, 2)).toMatchObject({ checked: 2, armed: 2, failed: 0 });
    expect((await caseRow(ids[0]!)).next_due_at).not.toBeNull();
    expect((await caseRow(ids[2]!)).next_due_at).toBeNull();
    expect(await resyncUndueCases(s, 2)).toMatchObject({ checked: 2, armed: 2 });
    expect(await resyncUndueCases(s, 2)).toMatchObject({ checked: 1, armed: 1 });
    expect(await resyncUndueCases(s, 2)).toMatchObject({ checked: 0 });
  });

  it('reads only the partial index of undue open cases', async () => {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${undueOpenCasesSql}`).bind(100).all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join(' | ')).toContain('cases_undue_open_idx');
  });
});
