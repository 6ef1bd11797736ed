import { closestLocale, intlLocale } from '../i18n';
import { log } from '../lib/log';
import type { Services } from '../services';
import { eachDatabase } from '../db/databases';
import { newDelayEpisode, newDelayEpisodeSql, type DelayReason } from './delay-rules';
import { enqueueJob } from '../queue/enqueue';
import { goodwillCode } from './goodwill';
import { prepareNotification } from '../notifications/outbox';
import { jobSettings } from '../db/shop-settings';
import { DAY_MS } from '../lib/durations';

interface ShipmentContext {
  id: string;
  shop_id: string;
  order_id: string;
  status: string;
  carrier: string | null;
  tracking_urls: string;
  delivered_at: number | null;
  estimated_delivery_at: number | null;
  last_tracking_at: number | null;
  delay_notified_at: number | null;
  delay_episode: number;
  order_name: string;
  order_email: string | null;
  order_locale: string | null;
  first_name: string | null;
  customer_locale: string | null;
  shop_locale: string;
  shop_timezone: string;
  shop_settings: string;
}

const contextSql = `SELECT sh.id, sh.shop_id, sh.order_id, sh.status, sh.carrier, sh.tracking_urls, sh.delivered_at, sh.estimated_delivery_at,
    sh.last_tracking_at, sh.delay_notified_at, sh.delay_episode, o.name AS order_name, o.email AS order_email, o.locale AS order_locale,
    c.first_name, c.locale AS customer_locale, s.locale AS shop_locale, s.timezone AS shop_timezone, s.settings AS shop_settings
  FROM shipments sh JOIN orders o ON o.shop_id = sh.shop_id AND o.id = sh.order_id
  JOIN shops s ON s.id = sh.shop_id AND s.status = 'active'
  LEFT JOIN customers c ON c.shop_id = o.shop_id AND c.id = o.customer_id`;

export interface DelayCheck {
  noticed: boolean;
  reason: DelayReason | null;
  episode?: number;
}

/**
 * Checks one shipment and, when a new delay episode started, records it and its notice together:
 * ONE batch of (1) an UPDATE that bumps `delay_episode` only if the episode is still the one we read
 * and the delay rule still holds, and (2) the notice `delay:<shipment>:<episode>`, inserted only if
 * the shipment now carries that episode. Two sweeps, or a sweep and a duplicate webhook, racing on
 * the same shipment both write the same dedupe key: one notice. Call it after a fulfillment upsert
 * (Webhooks) or enqueue `check-shipment-delay`; the cron sweep calls it for every candidate.
 */
export async function checkShipmentDelay(s: Services, shopId: string, shipmentId: string): Promise<DelayCheck> {
  const row = await s
    .d1(shopId)
    .prepare(`${contextSql} WHERE sh.shop_id = ? AND sh.id = ?`)
    .bind(shopId, shipmentId)
    .first<ShipmentContext>();
  if (!row) return { noticed: false, reason: null };
  return noticeIfDelayed(s, row);
}

async function noticeIfDelayed(s: Services, row: ShipmentContext): Promise<DelayCheck> {
  const cfg = jobSettings(safeJson(row.shop_settings));
  const now = s.clock.now();
  const reason = newDelayEpisode(
    {
      status: row.status,
      deliveredAt: row.delivered_at,
      estimatedDeliveryAt: row.estimated_delivery_at,
      lastTrackingAt: row.last_tracking_at,
      delayNotifiedAt: row.delay_notified_at,
    },
    cfg,
    now,
  );
  if (!reason || !row.order_email) return { noticed: false, reason };

  const episode = row.delay_episode + 1;
  const locale = row.customer_locale ?? row.order_locale ?? row.shop_locale;
  const d1 = s.d1(row.shop_id);
  const discount = await goodwillCode(s, { shopId: row.shop_id, orderName: row.order_name, episode, settings: cfg });
  const bump = d1
    .prepare(
      `UPDATE shipments SET delay_episode = delay_episode + 1, delay_notified_at = ?4, updated_at = ?4 WHERE shop_id = ?1 AND id = ?2 AND delay_episode = ?6 AND ${newDelayEpisodeSql}`,
    )
    .bind(row.shop_id, row.id, cfg.delayGraceDays * DAY_MS, now, cfg.stallDays * DAY_MS, row.delay_episode);
  const dedupeKey = `delay:${row.id}:${episode}`;
  const notice = await prepareNotification(s, {
    shopId: row.shop_id,
    kind: 'delay_notice',
    recipient: row.order_email,
    locale,
    dedupeKey,
    orderId: row.order_id,
    vars: {
      customer_name: row.first_name,
      order_name: row.order_name,
      carrier: row.carrier ?? (locale.startsWith('zh') ? '承运商' : 'the carrier'),
      estimated_delivery:
        row.estimated_delivery_at === null ? null : formatDate(row.estimated_delivery_at, locale, row.shop_timezone),
      tracking_url: (safeJson(row.tracking_urls) as string[] | null)?.[0] ?? null,
      stalled: reason === 'stalled',
      discount_code: discount,
    },
    onlyIf: {
      sql: 'SELECT 1 FROM shipments WHERE shop_id = ? AND id = ? AND delay_episode = ?',
      params: [row.shop_id, row.id, episode],
    },
  });
  const [bumped] = await d1.batch([bump, notice]);
  if (!bumped?.meta.changes) return { noticed: false, reason };
  try {
    await enqueueJob(s, { kind: 'deliver-notification', shopId: row.shop_id, dedupeKey });
  } catch (err) {
    // The notice is in the outbox; the sweep's stranded-notification step delivers it.
    log({ kind: 'job', outcome: 'error', durationMs: 0, step: 'delay-notice-enqueue', error: String(err) });
  }
  return { noticed: true, reason, episode };
}

/**
 * Cron step: every undelivered shipment that could be late or stalled by now (a coarse SQL filter;
 * each shop's grace and stall days are applied per row). Bounded per run; the next tick continues.
 */
export async function detectLateShipments(s: Services): Promise<{ checked: number; noticed: number; errors: number }> {
  const now = s.clock.now();
  let checked = 0;
  let noticed = 0;
  const errors = await eachDatabase(s.env, 'late-shipments', async (d1) => {
    const rows = await d1
      .prepare(
        `${contextSql} WHERE sh.delivered_at IS NULL AND sh.status NOT IN ('delivered', 'cancelled')
           AND (sh.estimated_delivery_at < ?1 OR sh.last_tracking_at < ?2)
           AND (sh.delay_notified_at IS NULL OR sh.estimated_delivery_at > sh.delay_notified_at - ?3 OR sh.last_tracking_at > sh.delay_notified_at)
         ORDER BY sh.estimated_delivery_at LIMIT 300`,
      )
      .bind(now, now - DAY_MS, 60 * DAY_MS)
      .all<ShipmentContext>();
    for (const row of rows.results) {
      checked++;
      try {
        if ((await noticeIfDelayed(s, row)).noticed) noticed++;
      } catch (err) {
        log({
          kind: 'cron',
          outcome: 'error',
          durationMs: 0,
          step: 'late-shipments',
          shipmentId: row.id,
          error: String(err),
        });
      }
    }
  });
  return { checked, noticed, errors };
}

function formatDate(ms: number, locale: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(intlLocale[closestLocale(locale)], { dateStyle: 'medium', timeZone }).format(ms);
  } catch {
    return new Date(ms).toISOString().slice(0, 10);
  }
}

function safeJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
