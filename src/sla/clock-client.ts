/**
 * What commands call to drive a case's SLA clock: one `CaseClock` per case, addressed by
 * `idFromName(caseId)`, so any Worker anywhere reaches the same object without a lookup table.
 * Commands return `{ kind: 'sla', … }` effects; `handleSlaEffect` (registered with
 * `registerSlaHandler` in `src/index.ts`) turns them into these calls after the command's batch.
 */
import { and, eq } from 'drizzle-orm';
import type { Priority, SlaPolicy } from '../cases/policy-schema';
import type { Effect, SlaHandler, SlaSignal } from '../queue/effects';
import { isTerminalStatus } from '../cases/vocabulary';
import { cases } from '../db/schema';
import { findShopById, shopPolicy } from '../db/shops';
import type { Env } from '../env';
import { log } from '../lib/log';
import type { Services } from '../services';
import type { ClockSnapshot } from './case-clock';
import type { StartInput } from './deadlines';
import { isParcelAway, parcelAwayStatuses } from './parcel-hold';
import { mirrorDeadlines } from './record-firings';

export type ClockSignal =
  | { kind: 'reply'; at: number }
  | { kind: 'pause'; at: number }
  | { kind: 'resume'; at: number }
  | { kind: 'priority'; priority: Priority; at: number }
  | { kind: 'stop'; at: number }
  | { kind: 'parcel'; away: boolean; at: number }
  | { kind: 'shopper_wrote'; at: number };

/** What a clock starts from; the SLA settings are the shop's at the case's start (later policy edits apply to new cases). */
export type StartClockInput = StartInput;

export function clockFor(env: Env, caseId: string): DurableObjectStub<import('./case-clock').CaseClock> {
  return env.CASE_CLOCK.get(env.CASE_CLOCK.idFromName(caseId));
}

export async function startClock(s: Services, input: StartClockInput): Promise<ClockSnapshot> {
  return clockFor(s.env, input.caseId).start(input);
}

export async function signalClock(s: Services, caseId: string, signal: ClockSignal): Promise<ClockSnapshot> {
  const clock = clockFor(s.env, caseId);
  switch (signal.kind) {
    case 'reply':
      return clock.agentReplied(signal.at);
    case 'pause':
      return clock.pause(signal.at);
    case 'resume':
      return clock.resume(signal.at);
    case 'priority':
      return clock.changePriority(signal.priority, signal.at);
    case 'stop':
      return clock.stop(signal.at);
    case 'parcel':
      return clock.parcelMoved(signal.away, signal.at);
    case 'shopper_wrote':
      return clock.shopperWrote(signal.at);
  }
}

/**
 * Whether the case's return parcel is with the shopper or the carrier now: its status, and for an
 * approved return whether a label or pickup was issued (`isParcelAway`). False for a case gone.
 */
export async function parcelAwayNow(s: Services, shopId: string, caseId: string): Promise<boolean> {
  const row = await s
    .d1(shopId)
    .prepare(
      `SELECT c.status, c.resume_status,
         EXISTS (SELECT 1 FROM pickups p WHERE p.shop_id = c.shop_id AND p.case_id = c.id
           AND (p.status IN ('scheduled', 'completed') OR p.label_url IS NOT NULL)) AS label_issued
       FROM cases c WHERE c.shop_id = ? AND c.id = ?`,
    )
    .bind(shopId, caseId)
    .first<{ status: string; resume_status: string | null; label_issued: number }>();
  return row
    ? isParcelAway({ status: row.status, resumeStatus: row.resume_status, labelIssued: row.label_issued === 1 })
    : false;
}

/** After a signal that may follow a status change: the hold follows where the parcel is now. */
async function followParcel(s: Services, shopId: string, caseId: string, at: number): Promise<void> {
  await signalClock(s, caseId, { kind: 'parcel', away: await parcelAwayNow(s, shopId, caseId), at });
}

/** Deletes the case's clock: its storage and its alarm (shop/redact). */
export async function eraseClock(s: Services, caseId: string): Promise<void> {
  await clockFor(s.env, caseId).erase();
}

export async function clockState(s: Services, caseId: string): Promise<ClockSnapshot> {
  return clockFor(s.env, caseId).state();
}

/** Signals that may follow a status change: after them the hold follows where the parcel is. */
const followedByParcel: ReadonlySet<SlaSignal> = new Set<SlaSignal>(['parcel', 'reply', 'pause', 'resume', 'priority']);

/** Runs one `sla` effect from a command (then, where the status may have moved, the parcel hold). */
export const handleSlaEffect: SlaHandler = async (s, effect: Extract<Effect, { kind: 'sla' }>) => {
  const { shopId, caseId, at, signal } = effect;
  if (signal === 'start') return startFromCase(s, effect);
  if (signal === 'priority') await signalClock(s, caseId, { kind: 'priority', priority: effect.priority, at });
  else if (signal !== 'parcel') await signalClock(s, caseId, { kind: signal, at });
  if (followedByParcel.has(signal)) await followParcel(s, shopId, caseId, at);
};

/** A start reads the shop's SLA policy and the case's tier and assignee. */
async function startFromCase(s: Services, effect: Extract<Effect, { kind: 'sla' }>): Promise<void> {
  const { shopId, caseId, at } = effect;
  const shop = await findShopById(s, shopId);
  if (!shop) throw new Error(`sla start: no shop ${shopId}`);
  const row = await s
    .db(shopId)
    .select({ tier: cases.tier, assignee: cases.assignee })
    .from(cases)
    .where(and(eq(cases.shopId, shopId), eq(cases.id, caseId)))
    .get();
  await startClock(s, {
    shopId,
    caseId,
    priority: effect.priority,
    createdAt: at,
    sla: shopPolicy(shop).sla,
    tier: row?.tier ?? 1,
    assignee: row?.assignee ?? null,
  });
}

/**
 * Brings a case's clock in line with its row (a lost `sla` effect, a clock started before this
 * code existed, or the bench's seeded cases): open → started (and paused while waiting on the
 * customer), resolved/rejected/closed → stopped. Safe to repeat: a running clock is kept.
 */
export type ResyncRow = {
  id: string;
  status: string;
  priority: Priority;
  tier: number;
  assignee: string | null;
  createdAt: number;
  slaPausedAt: number | null;
  updatedAt: number;
};

export async function resyncClock(s: Services, shopId: string, row: ResyncRow, sla: SlaPolicy): Promise<ClockSnapshot> {
  const clock = clockFor(s.env, row.id);
  if (isTerminalStatus(row.status)) return clock.stop(row.updatedAt);
  const snap = await clock.start({
    shopId,
    caseId: row.id,
    priority: row.priority,
    createdAt: row.createdAt,
    sla,
    tier: row.tier,
    assignee: row.assignee,
  });
  const paused =
    row.status === 'waiting_on_customer' && snap.state?.pausedAt === null
      ? await clock.pause(row.slaPausedAt ?? row.updatedAt)
      : snap;
  if (!mayHaveParcelAway(row)) return paused;
  return clock.parcelMoved(await parcelAwayNow(s, shopId, row.id), row.updatedAt);
}

/** Only these statuses can hold the resolution clock: the rest need no read of pickups. */
function mayHaveParcelAway(row: { status: string }): boolean {
  return ['approved', 'waiting_on_customer', ...parcelAwayStatuses].includes(row.status);
}

/**
 * A Durable Object error the runtime marks as safe to retry (`retryable`, and not `overloaded`,
 * where retrying only adds load).
 * @see https://developers.cloudflare.com/durable-objects/best-practices/error-handling/
 */
export function isRetryableObjectError(err: unknown): boolean {
  const e = err as { retryable?: boolean; overloaded?: boolean } | null;
  return e !== null && typeof e === 'object' && e.retryable === true && e.overloaded !== true;
}

/**
 * Resyncs many cases of one shop with at most `concurrency` clock calls in flight (each call also
 * writes the case row, and a burst of hundreds would queue on the database), retrying a call twice
 * on a retryable object error. A running clock whose due time never reached the row (a lost mirror
 * write) is mirrored again, so the row ends up showing what the clock holds.
 * Shared by `POST /api/admin/sla/resync` and the cron's resync of open cases with no due time.
 */
export async function resyncCases(
  s: Services,
  shopId: string,
  rows: Array<ResyncRow & { nextDueAt?: number | null }>,
  sla: SlaPolicy,
  concurrency = 16,
): Promise<{ armed: number; failed: number }> {
  let next = 0;
  let armed = 0;
  let failed = 0;
  const one = async (row: (typeof rows)[number]) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const snap = await resyncClock(s, shopId, row, sla);
        if (snap.state && snap.nextDueAt !== null && row.nextDueAt === null)
          await mirrorDeadlines(s, snap.state, s.clock.now());
        if (snap.alarmAt !== null) armed++;
        return;
      } catch (err) {
        if (attempt < 2 && isRetryableObjectError(err)) continue;
        failed++;
        log({
          kind: 'job',
          job: 'sla-resync',
          outcome: 'error',
          durationMs: 0,
          caseId: row.id,
          shopId,
          error: err instanceof Error ? err.message : String(err),
        });
        return;
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, rows.length) }, async () => {
      while (next < rows.length) await one(rows[next++]!);
    }),
  );
  return { armed, failed };
}
