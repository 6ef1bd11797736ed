/**
 * The one place a `case_events` row is written. Two shapes, both versioned:
 * - a command's events (`caseEventRows`), after its versioned UPDATE of the case row in the same
 *   batch (`caseChangeStatements`); the first row's NOT NULL `actor` is filled only when that UPDATE
 *   changed exactly one row, so a lost race aborts the whole batch;
 * - a job's fact recorded once (`onceEventStatements`), inside the job's own batch: a fixed event id
 *   (INSERT OR IGNORE) and an optional guard, with the case's version bumped exactly when the row is
 *   written, so a command that loaded the case before it conflicts and decides again.
 * `visible_to_shopper` always comes from the one rule, `visibleToShopper(type)`.
 */
import { type CaseEventType, visibleToShopper } from '../cases/case-events';
import type { CaseEvent } from '../cases/state-machine';
import type { Services } from '../services';

/** A fragment of SQL with its parameters (`?` placeholders). */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

interface EventRow {
  id: string;
  shopId: string;
  caseId: string;
  type: CaseEventType;
  actor: string;
  from: string | null;
  to: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  at: number;
}

const columns = 'id, shop_id, case_id, type, actor, from_status, to_status, reason, data, visible_to_shopper, at';

function insertEvent(
  d1: D1Database,
  e: EventRow,
  how: { actorOnlyAfterOneChange?: boolean; once?: boolean; onlyIf?: SqlPart },
): D1PreparedStatement {
  const insert = how.once ? `INSERT OR IGNORE INTO case_events (${columns})` : `INSERT INTO case_events (${columns})`;
  const actor = how.actorOnlyAfterOneChange ? 'CASE WHEN changes() = 1 THEN ? ELSE NULL END' : '?';
  const where = how.onlyIf ? ` WHERE EXISTS (${how.onlyIf.sql})` : '';
  return d1
    .prepare(`${insert} SELECT ?, ?, ?, ?, ${actor}, ?, ?, ?, ?, ?, ?${where}`)
    .bind(
      e.id,
      e.shopId,
      e.caseId,
      e.type,
      e.actor,
      e.from,
      e.to,
      e.reason,
      JSON.stringify(e.data),
      visibleToShopper(e.type) ? 1 : 0,
      e.at,
      ...(how.onlyIf?.params ?? []),
    );
}

/** The rows for a command's `events`; with `guardFirst`, the first carries the version guard. */
export function caseEventRows(
  s: Services,
  shopId: string,
  caseId: string,
  events: CaseEvent[],
  guardFirst: boolean,
): D1PreparedStatement[] {
  const d1 = s.d1(shopId);
  return events.map((e, i) =>
    insertEvent(d1, { ...e, id: s.newId('cev'), shopId, caseId }, { actorOnlyAfterOneChange: guardFirst && i === 0 }),
  );
}

export interface OnceEvent {
  shopId: string;
  caseId: string;
  /** Fixed by the fact (`cev_pickup_<pickup>`, a digest of the SLA firing): a repeat writes nothing. */
  id: string;
  /** Who recorded it: `system` unless a member or the operator acted (an assignment, an approval). */
  actor?: string;
  type: CaseEventType;
  reason?: string | null;
  data: Record<string, unknown>;
  at: number;
  /** Written only while this holds (`EXISTS (…)`), e.g. the pickup row as this batch left it. */
  onlyIf?: SqlPart;
  /** What the event changes on the case row besides its version (`priority = ?, …`), written with it. */
  alsoSet?: SqlPart;
  /**
   * False for a fact about something the case's commands never decide on (a label's refund, asked
   * after its pickup ended): the row is written, the case's version left alone.
   */
  versioned?: boolean;
}

/**
 * For the caller's batch: the case row's version bump (with `alsoSet`), then the event row, both
 * only while the event is not recorded yet and `onlyIf` holds. Recorded by `actor` (default `system`).
 */
export function onceEventStatements(s: Services, e: OnceEvent): D1PreparedStatement[] {
  const d1 = s.d1(e.shopId);
  const insert = insertEvent(
    d1,
    { ...e, actor: e.actor ?? 'system', from: null, to: null, reason: e.reason ?? null },
    { once: true, ...(e.onlyIf ? { onlyIf: e.onlyIf } : {}) },
  );
  if (e.versioned === false) {
    if (e.alsoSet) throw new Error('an event that changes the case row is versioned');
    return [insert];
  }
  const also = e.alsoSet ? `, ${e.alsoSet.sql}` : '';
  const guard = e.onlyIf ? ` AND EXISTS (${e.onlyIf.sql})` : '';
  const bump = d1
    .prepare(
      `UPDATE cases SET version = version + 1${also} WHERE shop_id = ? AND id = ?
         AND NOT EXISTS (SELECT 1 FROM case_events WHERE id = ?)${guard}`,
    )
    .bind(...(e.alsoSet?.params ?? []), e.shopId, e.caseId, e.id, ...(e.onlyIf?.params ?? []));
  return [bump, insert];
}
