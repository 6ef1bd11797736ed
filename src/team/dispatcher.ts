import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import { AppError } from '../http/errors';
import { createServices, type Services } from '../services';
import { type Assignment, drainQueue } from './assign';
import {
  currentAssignee,
  loadCandidates,
  loadUnassigned,
  openCasesOf,
  shopZone,
  writeAssignments,
} from './dispatch-store';
import { findMember } from './members';
import { tierOf } from './roles';

/**
 * One per shop (`idFromName(shopId)`): every assignment of the shop runs here, one at a time, so two
 * arrivals never both see the same free slot and a member never passes their capacity. The choice
 * itself is the pure `drainQueue`; this object only reads, decides and writes in turn.
 */
export class Dispatcher extends DurableObject<Env> {
  #services: Services | undefined;
  #tail: Promise<unknown> = Promise.resolve();
  /** A drain queued behind the running operation and not started yet. */
  #waitingDrain: Promise<Assignment[]> | null = null;

  protected get services(): Services {
    this.#services ??= createServices(this.env);
    return this.#services;
  }

  /** D1 calls let other requests in between awaits: chain every operation behind the last. */
  #serialize<T>(run: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(run, run);
    this.#tail = next.catch(() => undefined);
    return next;
  }

  /**
   * Assigns what it can of the unassigned queue (a new case, or capacity freed up). Signals that
   * arrive while a drain waits its turn join it: it reads the queue when it starts, so it covers
   * them, and a burst of 1,000 arrivals costs a few drains instead of 1,000.
   */
  drain(shopId: string): Promise<Assignment[]> {
    if (this.#waitingDrain !== null) return this.#waitingDrain;
    const drain = this.#serialize(() => {
      this.#waitingDrain = null;
      return this.#drain(shopId);
    });
    this.#waitingDrain = drain;
    return drain;
  }

  /** A manual assign or reassign (`memberId` null unassigns); the old assignee's room is then refilled. */
  assign(shopId: string, caseId: string, memberId: string | null, actor: string): Promise<Assignment[]> {
    return this.#serialize(async () => {
      const s = this.services;
      const current = await currentAssignee(s, shopId, caseId);
      if (current === undefined)
        throw new AppError('not_found', `No case ${caseId}.`, { why: { code: 'case_not_found' } });
      if (memberId !== null) {
        const member = await findMember(s, shopId, memberId);
        if (!member?.active)
          throw new AppError('unprocessable', `No active member ${memberId} in this shop.`, {
            why: { code: 'member_inactive' },
          });
      }
      if (current === memberId) return [];
      const write = { caseId, memberId, actor, expectedAssignee: current, reason: 'manual' as const };
      await writeAssignments(s, shopId, [write], s.clock.now());
      return this.#drain(shopId);
    });
  }

  /** After an SLA breach raised the case's tier: a member below that tier lets it go to the next tier. */
  escalated(shopId: string, caseId: string): Promise<Assignment[]> {
    return this.#serialize(async () => {
      const s = this.services;
      const row = await s
        .d1(shopId)
        .prepare(
          'SELECT c.tier, c.assignee_id AS assignee, m.role FROM cases c LEFT JOIN members m ON m.id = c.assignee_id WHERE c.shop_id = ? AND c.id = ?',
        )
        .bind(shopId, caseId)
        .first<{ tier: number; assignee: string | null; role: Parameters<typeof tierOf>[0] | null }>();
      if (row?.assignee && (!row.role || tierOf(row.role) < row.tier)) {
        const write = { caseId, memberId: null, actor: 'dispatcher', expectedAssignee: row.assignee };
        await writeAssignments(s, shopId, [{ ...write, reason: 'escalation' }], s.clock.now());
      }
      return this.#drain(shopId);
    });
  }

  /** A member deactivated: their open cases go back to the queue and on to whoever fits. */
  released(shopId: string, memberId: string): Promise<Assignment[]> {
    return this.#serialize(async () => {
      const s = this.services;
      const open = await openCasesOf(s, shopId, memberId);
      const writes = open.map((caseId) => ({
        caseId,
        memberId: null,
        actor: 'dispatcher',
        expectedAssignee: memberId,
        reason: 'released' as const,
      }));
      await writeAssignments(s, shopId, writes, s.clock.now());
      return this.#drain(shopId);
    });
  }

  async #drain(shopId: string): Promise<Assignment[]> {
    const s = this.services;
    const [candidates, work, zone] = await Promise.all([
      loadCandidates(s, shopId),
      loadUnassigned(s, shopId),
      shopZone(s, shopId),
    ]);
    const now = s.clock.now();
    const assignments = drainQueue(work, candidates, zone, now);
    const writes = assignments.map((a) => ({
      ...a,
      actor: 'dispatcher',
      expectedAssignee: null,
      reason: 'capacity' as const,
    }));
    await writeAssignments(s, shopId, writes, now);
    return assignments;
  }
}
