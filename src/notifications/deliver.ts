import { EmailError } from '../integrations/email';
import { shopSender } from '../integrations/email/sender';
import { eachDatabase } from '../db/databases';
import { enqueueJobs } from '../queue/enqueue';
import type { Services } from '../services';

/** A `sending` claim older than this belongs to a consumer that died mid-send: reclaim it. */
export const SEND_LEASE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 8;

interface NotificationRow {
  id: string;
  shop_id: string;
  kind: string;
  channel: 'email' | 'webhook';
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  status: string;
  attempts: number;
  send_after: number | null;
}

export type DeliveryOutcome = 'sent' | 'already-done' | 'not-due' | 'missing' | 'busy' | 'failed';

/**
 * Sends one outbox row, at most once however often it is asked to:
 * 1. only a `queued` row (or a `sending` row whose lease expired) can be claimed, by a conditional
 *    UPDATE that one caller wins; 2. the provider gets the notification id as its idempotency key, so
 *    a resend after a crash between "sent" and "marked sent" is answered with the first email;
 * 3. the row is marked `sent` with the provider's id. A passing failure puts the row back to
 *    `queued` and throws (the queue retries with backoff); a permanent one marks it `failed`.
 */
export async function deliverNotification(s: Services, shopId: string, dedupeKey: string): Promise<DeliveryOutcome> {
  const d1 = s.d1(shopId);
  const row = await d1
    .prepare('SELECT * FROM notifications WHERE shop_id = ? AND dedupe_key = ?')
    .bind(shopId, dedupeKey)
    .first<NotificationRow>();
  if (!row) return 'missing';
  if (row.status === 'sent' || row.status === 'failed' || row.status === 'cancelled') return 'already-done';
  const now = s.clock.now();
  if (row.send_after !== null && row.send_after > now) return 'not-due';
  if (row.channel !== 'email')
    throw new Error(`deliver-notification: channel ${row.channel} goes through outbound-webhook`);

  const claim = await d1
    .prepare(
      `UPDATE notifications SET status = 'sending', attempts = attempts + 1, updated_at = ?
       WHERE id = ? AND (status = 'queued' OR (status = 'sending' AND updated_at < ?))`,
    )
    .bind(now, row.id, now - SEND_LEASE_MS)
    .run();
  if (claim.meta.changes !== 1) return 'busy';

  try {
    const shop = await d1
      .prepare('SELECT name, email FROM shops WHERE id = ?')
      .bind(shopId)
      .first<{ name: string; email: string | null }>();
    const { from, replyTo } = shopSender(s.settings.EMAIL_FROM, shop ?? { name: '', email: null });
    const headers: Record<string, string> = {};
    const result = await s.email.send({
      id: row.id,
      from,
      replyTo,
      to: row.recipient,
      subject: row.subject,
      text: row.body_text,
      html: row.body_html,
      headers,
    });
    await d1
      .prepare(
        `UPDATE notifications SET status = 'sent', provider = ?, provider_id = ?, sent_at = ?, last_error = NULL, updated_at = ? WHERE id = ? AND status = 'sending'`,
      )
      .bind(s.email.provider, result.providerId, s.clock.now(), s.clock.now(), row.id)
      .run();
    return 'sent';
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const permanent = (err instanceof EmailError && err.permanent) || row.attempts + 1 >= MAX_ATTEMPTS;
    await d1
      .prepare(
        `UPDATE notifications SET status = ?, last_error = ?, updated_at = ? WHERE id = ? AND status = 'sending'`,
      )
      .bind(permanent ? 'failed' : 'queued', message.slice(0, 1000), s.clock.now(), row.id)
      .run();
    if (permanent) return 'failed';
    throw err;
  }
}

/**
 * Cron step: outbox rows that are due but were never delivered (the enqueue after the batch was
 * lost, the job died, `send_after` passed) get a delivery job. Idempotent, so a row that is also
 * in flight is harmless: the claim lets one through.
 */
export async function enqueueStrandedNotifications(s: Services): Promise<{ enqueued: number; errors: number }> {
  const now = s.clock.now();
  let enqueued = 0;
  const errors = await eachDatabase(s.env, 'stranded-notifications', async (d1) => {
    const rows = await d1
      .prepare(
        `SELECT shop_id, dedupe_key, channel FROM notifications
         WHERE ((status = 'queued' AND updated_at < ? AND (send_after IS NULL OR send_after <= ?))
            OR (status = 'sending' AND updated_at < ?))
         ORDER BY created_at LIMIT 200`,
      )
      .bind(now - 60_000, now, now - SEND_LEASE_MS)
      .all<{ shop_id: string; dedupe_key: string; channel: string }>();
    await enqueueJobs(
      s,
      rows.results.map((r) => ({
        kind: r.channel === 'webhook' ? ('outbound-webhook' as const) : ('deliver-notification' as const),
        shopId: r.shop_id,
        dedupeKey: r.dedupe_key,
      })),
    );
    enqueued += rows.results.length;
  });
  return { enqueued, errors };
}
