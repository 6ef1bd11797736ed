import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { CaseClock } from '../../src/sla/case-clock';
import { businessMsBetween } from '../../src/sla/business-time';
import { clockFor } from '../../src/sla/clock-client';
import { caseRow, eventually, MIN, outbox, quickSla, shopWithCase, slaEvents } from './clock-fixtures';

const alarmOf = (stub: DurableObjectStub<CaseClock>) =>
  runInDurableObject(stub, (_i, state) => state.storage.getAlarm());
/** A redelivered alarm: the handler runs again on the same object. */
const runAlarmAgain = (stub: DurableObjectStub<CaseClock>) =>
  runInDurableObject(stub, (instance) => (instance as CaseClock).alarm());

describe('CaseClock alarms', () => {
  it('fires the warning, then the breach, each within a second of its time, from real alarms', async () => {
    // First response 1 min, warning at 98%: warning ~0.3 s from now, breach ~1.5 s from now.
    const sla = quickSla({ warnAtRatio: 0.98 });
    const { shop, caseId } = await shopWithCase(sla);
    const createdAt = Date.now() - 58_500;
    const stub = clockFor(env, caseId);
    const started = await stub.start({ shopId: shop.id, caseId, priority: 'normal', createdAt, sla });
    expect(started.alarmAt).toBe(createdAt + 58_800);

    const events = await eventually(
      () => slaEvents(caseId),
      (e) => e.some((x) => x.type === 'SlaBreached'),
    );
    expect(events.map((e) => `${e.type}:${e.data.target}`)).toEqual([
      'SlaWarned:first_response',
      'SlaBreached:first_response',
    ]);
    const [warned, breached] = events;
    expect(warned!.data.recordedAt).toBeLessThan(breached!.data.recordedAt);
    for (const e of events) {
      expect(e.data.recordedAt - e.data.scheduledAt).toBeGreaterThanOrEqual(0);
      expect(e.data.recordedAt - e.data.scheduledAt).toBeLessThan(1000);
    }
    expect(breached!.data.dueAt).toBe(createdAt + MIN);
    // Re-armed for the next deadline: resolution's warning (98% of 10 min after creation). The alarm
    // writes its events before it re-arms, so the event can be seen a moment before the new alarm.
    expect(
      await eventually(
        () => alarmOf(stub),
        (at) => at !== null,
      ),
    ).toBe(createdAt + 588_000);
  });

  it('records a breach exactly once when the alarm runs twice', async () => {
    const sla = quickSla();
    const { shop, caseId } = await shopWithCase(sla);
    const createdAt = Date.now() - 2 * MIN;
    const stub = clockFor(env, caseId);
    await stub.start({ shopId: shop.id, caseId, priority: 'normal', createdAt, sla });
    await runDurableObjectAlarm(stub); // may already have fired on its own: either way, once
    await eventually(
      () => slaEvents(caseId),
      (e) => e.some((x) => x.type === 'SlaBreached'),
    );
    await runAlarmAgain(stub);
    await runAlarmAgain(stub);

    const events = await slaEvents(caseId);
    expect(events.filter((e) => e.type === 'SlaBreached')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'SlaWarned')).toHaveLength(1);
    const mail = await outbox(caseId);
    expect(mail.filter((m) => m.kind === 'sla_breach')).toHaveLength(1);
    expect(mail.filter((m) => m.kind === 'sla_warning')).toHaveLength(1);
    const row = await caseRow(caseId);
    expect(row.tier).toBe(2); // escalated once, not once per alarm run
    expect(JSON.parse(row.breaches)).toEqual(['first_response']);
  });

  it('escalates a breach: tier and priority up, reassigned, with a case event, an email and a signed-webhook row', async () => {
    const sla = quickSla({ reassignTo: { '2': 'lead@example.com' }, webhookUrl: 'https://hooks.example.com/sla' });
    const { shop, caseId } = await shopWithCase(sla, { priority: 'normal', number: 1042 });
    const stub = clockFor(env, caseId);
    await stub.start({ shopId: shop.id, caseId, priority: 'normal', createdAt: Date.now() - 90_000, sla });
    await runDurableObjectAlarm(stub);
    await eventually(
      () => caseRow(caseId),
      (r) => r.tier === 2,
    );

    const row = await caseRow(caseId);
    expect(row).toMatchObject({ tier: 2, priority: 'high', assignee: 'lead@example.com', breached: 1 });
    const breach = (await slaEvents(caseId)).find((e) => e.type === 'SlaBreached')!;
    expect(breach.data.escalation).toMatchObject({
      fromTier: 1,
      toTier: 2,
      fromPriority: 'normal',
      toPriority: 'high',
      assignee: 'lead@example.com',
    });
    const mail = await outbox(caseId);
    const email = mail.find((m) => m.kind === 'sla_breach' && m.channel === 'email')!;
    expect(email.recipient).toBe('team@example.com');
    expect(email.subject).toContain('R-1042');
    // The deadline reads as a date and time in the shop's zone, not the ISO fallback it used to hit.
    const body = await env.DB.prepare(`SELECT body_text FROM notifications WHERE case_id = ? AND kind = 'sla_breach'`)
      .bind(caseId)
      .first<string>('body_text');
    expect(body).toMatch(/\(due \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} [A-Z]/);
    expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(mail.find((m) => m.kind === 'sla.breach')).toMatchObject({
      channel: 'webhook',
      recipient: 'https://hooks.example.com/sla',
    });
    const jobs = await env.DB.prepare(`SELECT kind FROM scheduled_jobs WHERE shop_id = ? ORDER BY kind`)
      .bind(shop.id)
      .all<{ kind: string }>();
    expect(new Set(jobs.results.map((j) => j.kind))).toEqual(new Set(['deliver-notification', 'outbound-webhook']));
  });

  it('stops at tier 3 and urgent however many targets are missed', async () => {
    const sla = quickSla();
    const { shop, caseId } = await shopWithCase(sla, { priority: 'high' });
    const stub = clockFor(env, caseId);
    // Created 30 min ago: first response, resolution and (after the reply) next update are all late.
    const createdAt = Date.now() - 30 * MIN;
    await stub.start({ shopId: shop.id, caseId, priority: 'high', createdAt, sla });
    await stub.agentReplied(createdAt + 2 * MIN);
    await runDurableObjectAlarm(stub);
    await eventually(
      () => slaEvents(caseId),
      (e) => e.filter((x) => x.type === 'SlaBreached').length >= 2,
    );
    const row = await caseRow(caseId);
    expect(row.tier).toBe(3);
    expect(row.priority).toBe('urgent');
  });
});

describe('CaseClock signals', () => {
  it('mirrors deadlines to the case row on start and on the first reply', async () => {
    const sla = quickSla();
    const createdAt = Date.now();
    const { shop, caseId } = await shopWithCase(sla, { createdAt });
    const stub = clockFor(env, caseId);
    await stub.start({ shopId: shop.id, caseId, priority: 'normal', createdAt, sla });
    expect(await caseRow(caseId)).toMatchObject({
      first_response_due_at: createdAt + MIN,
      resolution_due_at: createdAt + 10 * MIN,
      next_due_at: createdAt + MIN,
      next_update_due_at: null,
      breached: 0,
    });

    const replied = await stub.agentReplied(createdAt + 20_000);
    expect(replied.state!.targets.first_response!.status).toBe('met');
    expect(await caseRow(caseId)).toMatchObject({
      first_responded_at: createdAt + 20_000,
      next_update_due_at: createdAt + 20_000 + 2 * MIN,
      next_due_at: createdAt + 20_000 + 2 * MIN,
    });
    expect(replied.alarmAt).toBe(createdAt + 20_000 + MIN); // next update's warning at 50%
  });

  it('pause clears the alarm and resume moves every pending deadline by the paused time', async () => {
    const sla = quickSla(
      {},
      {
        targets: {
          ...quickSla().targets,
          normal: { firstResponseMinutes: 480, nextUpdateMinutes: 600, resolutionMinutes: 4320 },
        },
      },
    );
    const createdAt = Date.now();
    const { shop, caseId } = await shopWithCase(sla, { createdAt });
    const stub = clockFor(env, caseId);
    const before = (await stub.start({ shopId: shop.id, caseId, priority: 'normal', createdAt, sla })).state!;

    const paused = await stub.pause(createdAt + 10 * MIN);
    expect(paused.alarmAt).toBeNull();
    expect((await caseRow(caseId)).next_due_at).toBeNull();
    const resumed = (await stub.resume(createdAt + 70 * MIN)).state!;
    expect(resumed.targets.first_response!.dueAt - before.targets.first_response!.dueAt).toBe(60 * MIN);
    expect(resumed.targets.resolution!.dueAt - before.targets.resolution!.dueAt).toBe(60 * MIN);
    expect(await alarmOf(stub)).toBe(resumed.targets.first_response!.warnAt);
    expect((await caseRow(caseId)).first_response_due_at).toBe(before.targets.first_response!.dueAt + 60 * MIN);
  });

  it('in business hours, resume moves deadlines by the paused BUSINESS time (a weekend costs nothing)', async () => {
    const weekdays = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ open: '09:00', close: '17:00' }]]));
    const base = quickSla();
    const sla = {
      ...base,
      calendar: 'business' as const,
      businessHours: { timezone: 'Europe/Berlin', weekly: weekdays, holidays: [] },
    };
    // In the future, so the object's real alarm cannot fire (and breach the targets) between the
    // calls below: with a past date it sometimes did on a loaded machine, and resume then had
    // nothing pending to move. 2037 has the same calendar as 2026 here.
    const createdAt = Date.UTC(2037, 2, 27, 9); // Fri 27 Mar 2037 10:00 CET; DST starts that Sunday
    const { shop, caseId } = await shopWithCase(sla, { createdAt });
    const stub = clockFor(env, caseId);
    const before = (await stub.start({ shopId: shop.id, caseId, priority: 'normal', createdAt, sla })).state!;
    const pausedAt = Date.UTC(2037, 2, 27, 9, 0, 30); // 30 s in
    const resumedAt = Date.UTC(2037, 2, 30, 8); // Mon 10:00 CEST
    await stub.pause(pausedAt);
    const after = (await stub.resume(resumedAt)).state!;
    const pausedBusiness = businessMsBetween(pausedAt, resumedAt, sla);
    expect(pausedBusiness).toBe(7 * 60 * MIN - 30_000 + 60 * MIN); // rest of Friday + Monday 09–10
    for (const t of ['first_response', 'resolution'] as const) {
      expect(businessMsBetween(before.targets[t]!.dueAt, after.targets[t]!.dueAt, sla)).toBe(pausedBusiness);
    }
    expect(after.targets.first_response!.dueAt).toBe(resumedAt + 30_000);
  });

  it('stop (resolved or closed) cancels the alarm and clears the due times', async () => {
    const sla = quickSla();
    const { shop, caseId } = await shopWithCase(sla);
    const stub = clockFor(env, caseId);
    await stub.start({ shopId: shop.id, caseId, priority: 'normal', createdAt: Date.now(), sla });
    expect(await alarmOf(stub)).not.toBeNull();
    const stopped = await stub.stop(Date.now());
    expect(stopped.alarmAt).toBeNull();
    expect(await runDurableObjectAlarm(stub)).toBe(false);
    expect(await caseRow(caseId)).toMatchObject({ next_due_at: null, breached: 0 });
    expect(stopped.state!.targets.first_response!.status).toBe('met');
  });

  it('a repeated start keeps the running clock', async () => {
    const sla = quickSla();
    const { shop, caseId } = await shopWithCase(sla);
    const stub = clockFor(env, caseId);
    const first = await stub.start({ shopId: shop.id, caseId, priority: 'normal', createdAt: Date.now(), sla });
    const again = await stub.start({ shopId: shop.id, caseId, priority: 'normal', createdAt: Date.now() + 5000, sla });
    expect(again.state!.createdAt).toBe(first.state!.createdAt);
  });
});
