import type { Services } from '../services';

/**
 * Failed jobs, visible to the admin (`GET /api/admin/jobs/failures`): one row per job key, updated on
 * every failed attempt (`retrying`), `dead` once the queue gave up, `resolved` when a later attempt worked.
 */
export async function recordJobFailure(
  s: Services,
  f: {
    shopId: string | null;
    jobKey: string;
    kind: string;
    payload: unknown;
    attempts: number;
    error: string | null;
    dead: boolean;
  },
): Promise<void> {
  const now = s.clock.now();
  const status = f.dead ? 'dead' : 'retrying';
  await s
    .d1(f.shopId ?? undefined)
    .prepare(
      `INSERT INTO job_failures (id, shop_id, job_key, kind, payload, status, attempts, last_error, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(job_key) DO UPDATE SET status = excluded.status, attempts = MAX(job_failures.attempts, excluded.attempts),
         last_error = COALESCE(excluded.last_error, job_failures.last_error), updated_at = excluded.updated_at`,
    )
    .bind(
      s.newId('job'),
      f.shopId,
      f.jobKey,
      f.kind,
      JSON.stringify(f.payload ?? null),
      status,
      f.attempts,
      f.error?.slice(0, 2000) ?? null,
      now,
      now,
    )
    .run();
}

export async function resolveJobFailure(s: Services, shopId: string, jobKey: string): Promise<void> {
  await s
    .d1(shopId)
    .prepare(`UPDATE job_failures SET status = 'resolved', updated_at = ? WHERE job_key = ? AND status = 'retrying'`)
    .bind(s.clock.now(), jobKey)
    .run();
}

export function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
