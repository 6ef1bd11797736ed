/**
 * What an early warning's episode writes: the alert row when it opens (unique per episode), its
 * closing when the figure recovers, and, for an episode still open at the end of the evaluation,
 * an email to the review recipients and the merchant webhook (each once, by dedupe key).
 */
import { findShopById } from '../db/shops';
import { prepareNotification } from '../notifications/outbox';
import { recipientLocaleResolver } from '../notifications/recipient-locale';
import { prepareOutboundWebhook } from '../notifications/outbound-webhook';
import { enqueueJobs } from '../queue/enqueue';
import type { JobMessage } from '../queue/messages';
import type { Services } from '../services';
import { merchantWebhookUrl, reviewRecipients } from './recipients';
import { DAY_MS } from './warning-counts';
import type { Transitioned } from './warning-steps';

export interface AlertFigures {
  kind: string;
  subject: string;
  metric: string;
  observed: number | null;
  expected: number | null;
}

/** `sku:TEE-NVY-M` → kind `sku`, subject `TEE-NVY-M`; the shop's own signals have subject `shop`. */
export function splitSubject(stored: string): { kind: string; subject: string } {
  const at = stored.indexOf(':');
  const kind = stored.slice(0, at);
  return { kind, subject: stored.slice(at + 1) || kind };
}

function formatFigure(metric: string, v: number | null): string {
  if (v === null) return '—';
  return metric === 'inbound_volume' ? (Math.round(v * 10) / 10).toString() : `${(v * 100).toFixed(1)}%`;
}

async function notify(s: Services, shopId: string, alertId: string, a: AlertFigures & { day: number }) {
  const shop = await findShopById(s, shopId);
  if (!shop) return { statements: [], jobs: [] };
  const dedupe = `alert:${a.kind}:${a.subject}:${a.metric}:${a.day}`;
  const vars = {
    kind: a.kind,
    subject: a.subject,
    metric: a.metric,
    observed: formatFigure(a.metric, a.observed),
    expected: formatFigure(a.metric, a.expected),
    since: new Date(a.day * DAY_MS).toISOString().slice(0, 10),
    alerts_url: `${s.settings.PUBLIC_URL ?? ''}/admin/dashboard`,
  };
  const statements: D1PreparedStatement[] = [];
  const jobs: JobMessage[] = [];
  const localeOf = await recipientLocaleResolver(s, shopId, shop.locale);
  for (const recipient of reviewRecipients(shop)) {
    const dedupeKey = `${dedupe}:${recipient}`;
    statements.push(
      await prepareNotification(s, {
        shopId,
        kind: 'early_warning',
        recipient,
        locale: localeOf(recipient),
        vars,
        dedupeKey,
      }),
    );
    jobs.push({ kind: 'deliver-notification', shopId, dedupeKey });
  }
  const url = merchantWebhookUrl(shop);
  if (url) {
    const payload = { id: alertId, ...a, openedAt: (a.day + 1) * DAY_MS, status: 'open' };
    statements.push(prepareOutboundWebhook(s, { shopId, url, event: 'alert.opened', payload, dedupeKey: dedupe }));
    jobs.push({ kind: 'outbound-webhook', shopId, dedupeKey: dedupe });
  }
  return { statements, jobs };
}

function episodeStatement(s: Services, shopId: string, e: Transitioned, id: string): D1PreparedStatement {
  const d1 = s.d1(shopId);
  const { kind, subject } = splitSubject(e.subject);
  // The moment the day's counts were complete: what the detector could first have seen.
  const at = (e.day + 1) * DAY_MS;
  if (e.transition === 'opened')
    return d1
      .prepare(
        `INSERT OR IGNORE INTO alerts (id, shop_id, kind, subject, metric, observed, expected, opened_day, opened_at, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'open')`,
      )
      .bind(id, shopId, kind, subject, e.metric, e.observed, e.expected, e.day, at);
  return d1
    .prepare(
      `UPDATE alerts SET status = 'closed', closed_at = ?5 WHERE shop_id = ?1 AND kind = ?2 AND subject = ?3 AND metric = ?4 AND status = 'open'`,
    )
    .bind(shopId, kind, subject, e.metric, at);
}

export async function alertStatements(s: Services, shopId: string, events: Transitioned[]) {
  const statements: D1PreparedStatement[] = [];
  const stillOpen = new Map<string, { id: string; e: Transitioned }>();
  for (const e of [...events].sort((a, b) => a.day - b.day)) {
    const id = s.newId('alr');
    statements.push(episodeStatement(s, shopId, e, id));
    const key = `${e.subject}|${e.metric}`;
    if (e.transition === 'opened') stillOpen.set(key, { id, e });
    else stillOpen.delete(key);
  }
  const jobs: JobMessage[] = [];
  for (const { id, e } of stillOpen.values()) {
    const n = await notify(s, shopId, id, { ...e, ...splitSubject(e.subject) });
    statements.push(...n.statements);
    jobs.push(...n.jobs);
  }
  const opened = events.filter((e) => e.transition === 'opened').length;
  return {
    statements,
    counts: { opened, closed: events.length - opened },
    afterCommit: () => enqueueJobs(s, jobs),
  };
}
