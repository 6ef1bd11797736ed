import { hmacSha256, toHex } from '../lib/crypto';
import { macFor } from '../lib/keys';
import type { Services } from '../services';
import { SEND_LEASE_MS } from './deliver';

/**
 * Merchant-facing webhooks (`settings.webhookUrl`): an outbox row with channel `webhook`, the JSON
 * payload as its body, delivered by the `outbound-webhook` job. The receiver verifies
 * `X-Aftercare-Signature` (hex HMAC-SHA256 of the body with the shop's signing secret) and dedupes
 * by `X-Aftercare-Delivery` (the notification id: the same on every retry).
 */
export function prepareOutboundWebhook(
  s: Services,
  p: { shopId: string; url: string; event: string; payload: unknown; dedupeKey: string; caseId?: string | null },
): D1PreparedStatement {
  const now = s.clock.now();
  const body = JSON.stringify({ event: p.event, shopId: p.shopId, at: now, data: p.payload });
  return s
    .d1(p.shopId)
    .prepare(
      `INSERT OR IGNORE INTO notifications (id, shop_id, case_id, kind, channel, recipient, locale, subject, body_text, status, attempts, dedupe_key, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'webhook', ?, 'en', ?, ?, 'queued', 0, ?, ?, ?)`,
    )
    .bind(s.newId('ntf'), p.shopId, p.caseId ?? null, p.event, p.url, p.event, body, p.dedupeKey, now, now);
}

/** The per-shop signing secret, derived from APP_SECRET's `outbound-webhook` subkey (nothing extra to store or leak). */
export async function webhookSigningSecret(s: Services, shopId: string): Promise<string> {
  return toHex(await macFor(s.settings.APP_SECRET, 'outbound-webhook', shopId));
}

export async function deliverOutboundWebhook(
  s: Services,
  shopId: string,
  dedupeKey: string,
  fetcher: typeof fetch = (input, init) => fetch(input, init),
): Promise<'sent' | 'already-done' | 'missing' | 'busy'> {
  const d1 = s.d1(shopId);
  const row = await d1
    .prepare(
      `SELECT id, kind, recipient, body_text, status FROM notifications WHERE shop_id = ? AND dedupe_key = ? AND channel = 'webhook'`,
    )
    .bind(shopId, dedupeKey)
    .first<{ id: string; kind: string; recipient: string; body_text: string; status: string }>();
  if (!row) return 'missing';
  if (row.status !== 'queued' && row.status !== 'sending') return 'already-done';
  const now = s.clock.now();
  const claim = await d1
    .prepare(
      `UPDATE notifications SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND (status = 'queued' OR (status = 'sending' AND updated_at < ?))`,
    )
    .bind(now, row.id, now - SEND_LEASE_MS)
    .run();
  if (claim.meta.changes !== 1) return 'busy';
  try {
    let provider = 'local';
    if (s.settings.INTEGRATIONS !== 'local') {
      const signature = toHex(await hmacSha256(await webhookSigningSecret(s, shopId), row.body_text));
      const res = await fetcher(row.recipient, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Aftercare-Event': row.kind,
          'X-Aftercare-Delivery': row.id,
          'X-Aftercare-Signature': `sha256=${signature}`,
        },
        body: row.body_text,
      });
      if (!res.ok) throw new Error(`webhook ${row.recipient} answered ${res.status}`);
      provider = 'webhook';
    }
    await d1
      .prepare(
        `UPDATE notifications SET status = 'sent', provider = ?, sent_at = ?, last_error = NULL, updated_at = ? WHERE id = ?`,
      )
      .bind(provider, s.clock.now(), s.clock.now(), row.id)
      .run();
    return 'sent';
  } catch (err) {
    await d1
      .prepare(`UPDATE notifications SET status = 'queued', last_error = ?, updated_at = ? WHERE id = ?`)
      .bind(String(err).slice(0, 1000), s.clock.now(), row.id)
      .run();
    throw err;
  }
}
