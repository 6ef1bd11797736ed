/**
 * Appends one audit event that records a fact about the store's side of a case without moving it
 * (status unchanged): a Return linked or replaced, an exchange processed, an invoice sent. One
 * versioned batch (the case row's bump and the event) through `handleCase`, retried on a lost race.
 */
import type { CaseEventType } from '../cases/state-machine';
import { type CaseRow, commit, handleCase, type LoadedCase, refuse } from '../db/case-store';
import type { Services } from '../services';

export interface AppendedEvent {
  type: CaseEventType;
  reason?: string | null;
  data: Record<string, unknown>;
  /** Columns set in the same batch (e.g. the linked Return's gid). */
  set?: Partial<Pick<CaseRow, 'platformRef'>>;
  /**
   * Re-checked on every attempt after the fresh row is loaded: true skips the write. Asked after
   * the load, a check of other rows (e.g. "is this step's event already there?") is a claim: a
   * writer that committed meanwhile bumped the version, so this attempt conflicts and re-checks.
   */
  unless?: (loaded: LoadedCase) => boolean | Promise<boolean>;
}

/** True when the event was written; false when the case is gone or `unless` said so. */
export async function appendCaseEvent(s: Services, shopId: string, caseId: string, e: AppendedEvent): Promise<boolean> {
  return handleCase(s, shopId, caseId, async (loaded) => {
    if (!loaded || (await e.unless?.(loaded))) return refuse(false);
    const at = s.clock.now();
    const { status } = loaded.row;
    return commit(
      {
        set: { ...e.set, updatedAt: at },
        events: [
          { type: e.type, from: status, to: status, actor: 'system', reason: e.reason ?? null, at, data: e.data },
        ],
      },
      true,
    );
  });
}

/** This case's events of `types` whose data carries `key` (the step's idempotency key). */
export async function keyedEvents(
  s: Services,
  shopId: string,
  caseId: string,
  types: CaseEventType[],
  key: string,
): Promise<Array<{ type: string; data: Record<string, unknown> }>> {
  const rows = await s
    .d1(shopId)
    .prepare(
      `SELECT type, data FROM case_events WHERE shop_id = ? AND case_id = ? AND type IN (${types.map(() => '?').join(', ')}) ORDER BY at, rowid`,
    )
    .bind(shopId, caseId, ...types)
    .all<{ type: string; data: string }>();
  return rows.results
    .map((r) => ({ type: r.type, data: JSON.parse(r.data) as Record<string, unknown> }))
    .filter((r) => r.data.key === key);
}
