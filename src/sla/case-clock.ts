import { DurableObject } from 'cloudflare:workers';
import type { Priority } from '../cases/policy-schema';
import type { Env } from '../env';
import { log } from '../lib/log';
import { createServices, type Services } from '../services';
import * as d from './deadlines';
import { fireDue } from './escalation';
import { shopperWrote, syncParcel } from './parcel-hold';
import { mirrorDeadlines, recordFirings } from './record-firings';
import { type HoldReason, recordHoldChange } from './record-hold';

export interface ClockSnapshot {
  state: d.ClockState | null;
  /** The one alarm this object has set, or null. */
  alarmAt: number | null;
  nextDueAt: number | null;
}

const KEY = 'clock';

/**
 * One per case (`idFromName(caseId)`): keeps the case's SLA state and exactly one alarm, set for
 * the earliest pending warning or deadline. It only keeps time: every transition is a pure function
 * of `deadlines.ts` / `escalation.ts`, and every record it makes goes to D1 in one batch.
 */
export class CaseClock extends DurableObject<Env> {
  #services: Services | undefined;

  protected get services(): Services {
    return (this.#services ??= createServices(this.env));
  }

  async start(input: d.StartInput): Promise<ClockSnapshot> {
    const existing = await this.load();
    // A repeated start (retried effect, reopened case) keeps the original clock unless it stopped.
    const state = existing && existing.stoppedAt === null ? existing : d.startClock(input);
    return this.commit(state, existing !== state);
  }

  agentReplied(at: number): Promise<ClockSnapshot> {
    return this.change((s) => d.agentReplied(s, at));
  }

  pause(at: number): Promise<ClockSnapshot> {
    return this.change((s) => d.pauseClock(s, at));
  }

  resume(at: number): Promise<ClockSnapshot> {
    return this.change((s) => d.resumeClock(s, at));
  }

  changePriority(priority: Priority, _at: number): Promise<ClockSnapshot> {
    return this.change((s) => d.changePriority(s, priority));
  }

  /** Where the return's parcel is now (read from the case after each change): holds or frees resolution. */
  parcelMoved(away: boolean, at: number): Promise<ClockSnapshot> {
    return this.changeHold((s) => syncParcel(s, away, at), { at, reason: away ? 'parcel_away' : 'parcel_arrived' });
  }

  /** The shopper wrote: the resolution clock runs again until we answer. */
  shopperWrote(at: number): Promise<ClockSnapshot> {
    return this.changeHold((s) => shopperWrote(s, at), { at, reason: 'shopper_wrote' });
  }

  stop(at: number): Promise<ClockSnapshot> {
    return this.change((s) => d.stopClock(s, at));
  }

  /** Forgets the case: alarm and every stored key (the shop was redacted). */
  async erase(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  async state(): Promise<ClockSnapshot> {
    return this.snapshot(await this.load());
  }

  /**
   * At-least-once: a repeated or early run finds nothing due (or the same firings, whose records
   * are keyed by case + target + deadline) and only re-arms. The time stamped on a breach is the
   * time this handler runs, which the alarm schedules at the deadline.
   */
  override async alarm(): Promise<void> {
    const started = Date.now();
    const state = await this.load();
    if (!state) return;
    const { state: next, firings } = fireDue(state, started);
    if (firings.length > 0) await recordFirings(this.services, next, firings, started);
    await this.save(next, true);
    if (firings.length > 0) {
      log({
        kind: 'alarm',
        outcome: 'ok',
        durationMs: Date.now() - started,
        caseId: state.caseId,
        shopId: state.shopId,
        firings: firings.map((f) => `${f.kind}:${f.target}`),
        lateMs: Math.max(0, ...firings.map((f) => started - f.scheduledAt)),
      });
    }
  }

  private async change(fn: (s: d.ClockState) => d.ClockState): Promise<ClockSnapshot> {
    const state = await this.load();
    if (!state) return this.snapshot(null);
    const next = fn(state);
    return this.commit(next, next !== state);
  }

  private async changeHold(
    fn: (s: d.ClockState) => d.ClockState,
    change: { at: number; reason: HoldReason },
  ): Promise<ClockSnapshot> {
    const state = await this.load();
    if (!state) return this.snapshot(null);
    const next = fn(state);
    if (next === state) return this.snapshot(state);
    await this.save(next);
    await recordHoldChange(this.services, state, next, { ...change, now: Date.now() });
    return this.snapshot(next);
  }

  private async commit(state: d.ClockState, changed: boolean): Promise<ClockSnapshot> {
    if (changed) {
      await this.save(state);
      await mirrorDeadlines(this.services, state, Date.now());
    }
    return this.snapshot(state);
  }

  // The object is single-threaded and its storage is its own: state and alarm are cached in memory
  // after the first read, so a signal costs one storage write and, when it moves, one alarm write.
  #state: d.ClockState | null | undefined;
  #alarm: number | null | undefined;

  private async load(): Promise<d.ClockState | null> {
    if (this.#state === undefined) this.#state = (await this.ctx.storage.get<d.ClockState>(KEY)) ?? null;
    return this.#state;
  }

  private async currentAlarm(): Promise<number | null> {
    if (this.#alarm === undefined) this.#alarm = await this.ctx.storage.getAlarm();
    return this.#alarm;
  }

  /**
   * Stores the state and keeps the single alarm in step with it. Inside `alarm()` the alarm being
   * handled is consumed when the handler returns, so the next one is always set (`rearm`).
   */
  private async save(state: d.ClockState, rearm = false): Promise<void> {
    this.#state = state;
    const want = d.nextAlarmAt(state);
    const have = rearm ? undefined : await this.currentAlarm();
    // No await between the two writes: the runtime commits them together.
    const writes: Array<Promise<void>> = [this.ctx.storage.put(KEY, state)];
    if (want === null) {
      if (have !== null) writes.push(this.ctx.storage.deleteAlarm());
    } else if (have !== want) {
      writes.push(this.ctx.storage.setAlarm(want));
    }
    this.#alarm = want;
    await Promise.all(writes);
  }

  private async snapshot(state: d.ClockState | null): Promise<ClockSnapshot> {
    return { state, alarmAt: await this.currentAlarm(), nextDueAt: state ? d.nextDueAt(state) : null };
  }
}
