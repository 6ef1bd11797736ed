import type { Services } from '../services';

export interface OutboxItem {
  id: string;
  kind: string;
  channel: string;
  recipient: string;
  locale: string;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  status: string;
  attempts: number;
  provider: string | null;
  providerId: string | null;
  lastError: string | null;
  dedupeKey: string;
  caseId: string | null;
  orderId: string | null;
  sendAfter: number | null;
  createdAt: number;
  sentAt: number | null;
}

export async function listOutbox(
  s: Services,
  shopId: string,
  q: { status?: string; kind?: string; caseId?: string; before?: string; limit: number },
): Promise<{ items: OutboxItem[]; next: string | null }> {
  const where = ['shop_id = ?'];
  const params: unknown[] = [shopId];
  if (q.status) where.push('status = ?'), params.push(q.status);
  if (q.kind) where.push('kind = ?'), params.push(q.kind);
  if (q.caseId) where.push('case_id = ?'), params.push(q.caseId);
  if (q.before) where.push('id < ?'), params.push(q.before);
  const rows = await s
    .d1(shopId)
    .prepare(
      `SELECT id, kind, channel, recipient, locale, subject, body_text AS bodyText, body_html AS bodyHtml, status, attempts, provider,
         provider_id AS providerId, last_error AS lastError, dedupe_key AS dedupeKey, case_id AS caseId, order_id AS orderId,
         send_after AS sendAfter, created_at AS createdAt, sent_at AS sentAt
       FROM notifications WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`,
    )
    .bind(...params, q.limit + 1)
    .all<OutboxItem>();
  const items = rows.results.slice(0, q.limit);
  return { items, next: rows.results.length > q.limit ? (items.at(-1)?.id ?? null) : null };
}

export async function listFailedJobs(s: Services, shopId: string, q: { status?: string; limit: number }) {
  const rows = await s
    .d1(shopId)
    .prepare(
      `SELECT id, job_key AS jobKey, kind, payload, status, attempts, last_error AS lastError, created_at AS createdAt, updated_at AS updatedAt
       FROM job_failures WHERE shop_id = ? ${q.status ? 'AND status = ?' : "AND status <> 'resolved'"} ORDER BY updated_at DESC LIMIT ?`,
    )
    .bind(...(q.status ? [shopId, q.status, q.limit] : [shopId, q.limit]))
    .all<{ payload: string } & Record<string, unknown>>();
  return { items: rows.results.map((r) => ({ ...r, payload: JSON.parse(r.payload) as unknown })) };
}
