/**
 * The commerce-aware resolution clock through the real CaseClock and D1: an `sla` effect reads
 * where the parcel is from the case, the clock holds or frees resolution, and each edge is one
 * audit event. Times are the signals' own (`at`), hours and days after the case opened.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, type Priority } from '../../src/cases/policy-schema';
import { clockFor, handleSlaEffect } from '../../src/sla/clock-client';
import type { SlaSignal } from '../../src/cases/sla-signals';
import { jobServices } from '../jobs/harness';
import { caseRow, shopWithCase } from './clock-fixtures';

const H = 3_600_000;
const D = 24 * H;

async function holdEvents(caseId: string) {
  const { results } = await env.DB.prepare(
    `SELECT type, actor, data, at, visible_to_shopper FROM case_events WHERE case_id = ? AND type LIKE 'ResolutionClock%' ORDER BY at, type DESC`,
  )
    .bind(caseId)
    .all<{ type: string; actor: string; data: string; at: number; visible_to_shopper: number }>();
  return results.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}

const setStatus = (caseId: string, status: string) =>
  env.DB.prepare('UPDATE cases SET status = ? WHERE id = ?').bind(status, caseId).run();

async function openClock() {
  const sla = defaultPolicy().sla; // normal: resolution in 3 days
  const createdAt = Date.now();
  const { shop, caseId } = await shopWithCase(sla, { createdAt });
  await clockFor(env, caseId).start({ shopId: shop.id, caseId, priority: 'normal', createdAt, sla });
  const { s } = jobServices(createdAt);
  const signal = (sig: SlaSignal, at: number, priority: Priority = 'normal') =>
    handleSlaEffect(s, { kind: 'sla', shopId: shop.id, caseId, signal: sig, priority, at });
  return { caseId, createdAt, signal, resolutionDue: createdAt + 3 * D };
}

describe('the resolution clock while the parcel is away', () => {
  it('pauses while the return is in transit and resumes when it arrives, one event each', async () => {
    const { caseId, createdAt, signal, resolutionDue } = await openClock();
    await setStatus(caseId, 'in_transit');
    await signal('parcel', createdAt + H);
    await signal('parcel', createdAt + H); // a repeated signal changes nothing
    let row = await caseRow(caseId);
    expect((row as unknown as { sla_resolution_held_at: number }).sla_resolution_held_at).toBe(createdAt + H);
    expect(row.resolution_due_at).toBe(resolutionDue);
    // The queue's next due time is first response, never the held resolution.
    expect(row.next_due_at).toBe(createdAt + 8 * H);

    await setStatus(caseId, 'received');
    await signal('reply', createdAt + H + 2 * D);
    row = await caseRow(caseId);
    expect((row as unknown as { sla_resolution_held_at: number | null }).sla_resolution_held_at).toBeNull();
    expect(row.resolution_due_at).toBe(resolutionDue + 2 * D);

    const events = await holdEvents(caseId);
    expect(events.map((e) => [e.type, e.at, e.data.cause])).toEqual([
      ['ResolutionClockPaused', createdAt + H, 'parcel_away'],
      ['ResolutionClockResumed', createdAt + H + 2 * D, 'parcel_arrived'],
    ]);
    expect(events.every((e) => e.actor === 'system' && e.visible_to_shopper === 0)).toBe(true);
    expect(events[1]!.data.resolutionDueAt).toBe(resolutionDue + 2 * D);
  });

  it('holds from a label issued on an approved return; the shopper writing frees it until we answer', async () => {
    const { caseId, createdAt, signal, resolutionDue } = await openClock();
    await setStatus(caseId, 'approved');
    const shopId = (await env.DB.prepare('SELECT shop_id FROM cases WHERE id = ?')
      .bind(caseId)
      .first<{ shop_id: string }>())!.shop_id;
    await signal('parcel', createdAt + H);
    expect(await holdEvents(caseId)).toEqual([]); // approved, no label yet: nothing to wait for
    await env.DB.prepare(
      `INSERT INTO pickups (id, shop_id, case_id, carrier, status, attempts, idempotency_key, created_at, updated_at)
       VALUES (?2 || '_pk', ?1, ?2, 'manual', 'scheduled', 1, 'pickup:' || ?2, ?3, ?3)`,
    )
      .bind(shopId, caseId, createdAt)
      .run();
    await signal('parcel', createdAt + 2 * H);
    await signal('shopper_wrote', createdAt + 6 * H);
    await signal('priority', createdAt + 7 * H); // unanswered: stays running
    await signal('reply', createdAt + 8 * H); // answered: the parcel is what we wait for again
    const events = await holdEvents(caseId);
    expect(events.map((e) => [e.type, e.at - createdAt, e.data.cause])).toEqual([
      ['ResolutionClockPaused', 2 * H, 'parcel_away'],
      ['ResolutionClockResumed', 6 * H, 'shopper_wrote'],
      ['ResolutionClockPaused', 8 * H, 'parcel_away'],
    ]);
    const state = await clockFor(env, caseId).state();
    expect(state.state!.targets.resolution!.dueAt).toBe(resolutionDue + 4 * H);
  });
});
