import { isAllowedWebhookUrl } from '../cases/policy-schema';
import { hmacSha256, toBase64Url, toHex } from '../lib/crypto';
import { macFor } from '../lib/keys';
import { shopEventStatement } from '../db/shop-event-rows';
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

/** Where the shop's random signing secret is kept (`shops.settings`). */
const SECRET_SETTING = 'webhookSigningSecret';

/**
 * The shop's signing secret: the random one stored by `rotateWebhookSigningSecret`, shown on the
 * SLA screen. A shop that never rotated keeps the secret it was always signed with (derived from
 * APP_SECRET's `outbound-webhook` subkey), so receivers set up before random secrets keep verifying until the merchant rotates.
 */
export async function webhookSigningSecret(s: Services, shopId: string): Promise<string> {
  const row = await s
    .d1(shopId)
    .prepare(`SELECT json_extract(settings, '$.${SECRET_SETTING}') AS secret FROM shops WHERE id = ?`)
    .bind(shopId)
    .first<{ secret: unknown }>();
  if (typeof row?.secret === 'string' && row.secret) return row.secret;
  return toHex(await macFor(s.settings.APP_SECRET, 'outbound-webhook', shopId));
}

/** A new random secret (256 bits) for the shop; the old one stops at once. Returns the new one. */
export async function rotateWebhookSigningSecret(s: Services, shopId: string, actor: string): Promise<string> {
  const secret = `whsec_${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
  const d1 = s.d1(shopId);
  const update = d1
    .prepare(`UPDATE shops SET settings = json_set(settings, '$.${SECRET_SETTING}', ?), updated_at = ? WHERE id = ?`)
    .bind(secret, s.clock.now(), shopId);
  // The event says that it rotated, never the secret.
  const event = shopEventStatement(s, d1, { shopId, type: 'WebhookSecretRotated', actor }, { afterChange: true });
  await d1.batch([update, event]);
  return secret;
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
  if (!isAllowedWebhookUrl(row.recipient)) {
    // Saved before https was required: never sent in the clear; failed for good, with why.
    await d1
      .prepare(`UPDATE notifications SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ?`)
      .bind('webhook URL is not https; change it on the SLA screen', s.clock.now(), row.id)
      .run();
    return 'already-done';
  }
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
