/** Reading the early warnings (`GET /api/admin/alerts`, the dashboard and the review page). */
export interface Alert {
  id: string;
  kind: string;
  subject: string;
  metric: string;
  observed: number | null;
  expected: number | null;
  openedAt: number;
  closedAt: number | null;
  status: 'open' | 'closed';
}

const ALERTS_SHOWN = 200;

/** Newest first; `status` filters to open or closed ones. */
export async function listAlerts(d1: D1Database, shopId: string, status?: 'open' | 'closed'): Promise<Alert[]> {
  const rows = await d1
    .prepare(
      `SELECT id, kind, subject, metric, observed, expected, opened_at AS openedAt, closed_at AS closedAt, status
       FROM alerts WHERE shop_id = ?1 AND (?2 IS NULL OR status = ?2) ORDER BY opened_at DESC, id DESC LIMIT ${ALERTS_SHOWN}`,
    )
    .bind(shopId, status ?? null)
    .all<Alert>();
  return rows.results;
}
