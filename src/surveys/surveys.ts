import { closestLocale } from '../i18n';
import { log } from '../lib/log';
import type { Services } from '../services';
import { eachDatabase } from '../db/databases';
import { enqueueJob, enqueueJobs } from '../queue/enqueue';
import { prepareNotification } from '../notifications/outbox';
import { jobSettings } from '../db/shop-settings';
import { DAY_MS } from '../lib/durations';
import { surveyScale, surveyText, type SurveyKind } from './kinds';
import { signSurveyToken } from './token';
import { scheduleCaseSurvey } from '../commands/close-survey';

/** A survey link stays valid this long after the email goes out. */
export const SURVEY_LINK_TTL_MS = 30 * DAY_MS;

/**
 * Cron step: (1) every order delivered recently and not yet surveyed gets its survey row, due
 * `surveyDelayDays` after delivery (one per order: unique subject `delivery:<order>`); (2) every
 * scheduled survey that is due gets a `send-survey` job.
 */
export async function scheduleAndSendSurveys(
  s: Services,
): Promise<{ scheduled: number; enqueued: number; errors: number }> {
  const now = s.clock.now();
  let scheduled = 0;
  let enqueued = 0;
  const errors = await eachDatabase(s.env, 'surveys', async (d1) => {
    const delivered = await d1
      .prepare(
        `SELECT o.id AS order_id, o.shop_id, o.email, COALESCE(cu.locale, o.locale, sp.locale) AS locale, MAX(sh.delivered_at) AS delivered_at, sp.settings
         FROM shipments sh JOIN orders o ON o.shop_id = sh.shop_id AND o.id = sh.order_id
         JOIN shops sp ON sp.id = o.shop_id AND sp.status = 'active'
         LEFT JOIN customers cu ON cu.shop_id = o.shop_id AND cu.id = o.customer_id
         WHERE sh.delivered_at IS NOT NULL AND sh.delivered_at > ?1 AND o.email IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM surveys sv WHERE sv.shop_id = o.shop_id AND sv.subject = 'delivery:' || o.id)
         GROUP BY o.id LIMIT 300`,
      )
      .bind(now - 60 * DAY_MS)
      .all<{
        order_id: string;
        shop_id: string;
        email: string;
        locale: string;
        delivered_at: number;
        settings: string;
      }>();
    const inserts = delivered.results.flatMap((r) => {
      const cfg = jobSettings(JSON.parse(r.settings || '{}'));
      if (!cfg.surveysEnabled) return [];
      return [
        d1
          .prepare(
            `INSERT OR IGNORE INTO surveys (id, shop_id, order_id, subject, kind, status, recipient, locale, due_at, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, 'scheduled', ?, ?, ?, ?, ?)`,
          )
          .bind(
            s.newId('srv'),
            r.shop_id,
            r.order_id,
            `delivery:${r.order_id}`,
            cfg.surveyKind,
            r.email,
            r.locale,
            r.delivered_at + cfg.surveyDelayDays * DAY_MS,
            now,
            now,
          ),
      ];
    });
    // Closed cases the close command did not schedule a survey for (or closed outside it). A
    // complaint opened BY a survey gets none: no feedback ping-pong.
    const closed = await d1
      .prepare(
        `SELECT c.id, c.shop_id, c.order_id, c.customer_id, c.locale, sp.settings FROM cases c JOIN shops sp ON sp.id = c.shop_id AND sp.status = 'active'
         WHERE c.status = 'closed' AND c.closed_at > ?1 AND c.source <> 'survey'
           AND NOT EXISTS (SELECT 1 FROM surveys sv WHERE sv.shop_id = c.shop_id AND sv.subject = 'case:' || c.id)
         LIMIT 300`,
      )
      .bind(now - 14 * DAY_MS)
      .all<{
        id: string;
        shop_id: string;
        order_id: string | null;
        customer_id: string | null;
        locale: string;
        settings: string;
      }>();
    for (const c of closed.results) {
      if (!jobSettings(JSON.parse(c.settings || '{}')).surveysEnabled) continue;
      inserts.push(
        ...scheduleCaseSurvey(s, {
          id: c.id,
          shopId: c.shop_id,
          orderId: c.order_id,
          customerId: c.customer_id,
          locale: c.locale,
        }),
      );
    }
    if (inserts.length) scheduled += (await d1.batch(inserts)).reduce((n, r) => n + (r.meta.changes ?? 0), 0);

    const due = await d1
      .prepare(`SELECT id, shop_id FROM surveys WHERE status = 'scheduled' AND due_at <= ? ORDER BY due_at LIMIT 300`)
      .bind(now)
      .all<{ id: string; shop_id: string }>();
    await enqueueJobs(
      s,
      due.results.map((r) => ({ kind: 'send-survey' as const, shopId: r.shop_id, surveyId: r.id })),
    );
    enqueued += due.results.length;
  });
  return { scheduled, enqueued, errors };
}

interface SurveyContext {
  id: string;
  shop_id: string;
  subject: string;
  kind: SurveyKind;
  status: string;
  recipient: string | null;
  locale: string;
  due_at: number;
  order_name: string | null;
  case_number: number | null;
  first_name: string | null;
}

/**
 * Sends a due survey once: ONE batch marks it sent and writes the email `survey:<id>` (inserted only
 * if this survey is now `sent`); a second run finds it sent and does nothing. An unsubscribed
 * recipient's email is written `cancelled` by the outbox and never delivered.
 */
export async function sendSurvey(
  s: Services,
  shopId: string,
  surveyId: string,
): Promise<'sent' | 'already-done' | 'not-due' | 'missing'> {
  const d1 = s.d1(shopId);
  const sv = await d1
    .prepare(
      `SELECT sv.id, sv.shop_id, sv.subject, sv.kind, sv.status, sv.recipient, sv.locale, sv.due_at, o.name AS order_name, c.number AS case_number, cu.first_name
       FROM surveys sv LEFT JOIN orders o ON o.shop_id = sv.shop_id AND o.id = sv.order_id
       LEFT JOIN cases c ON c.shop_id = sv.shop_id AND c.id = sv.case_id
       LEFT JOIN customers cu ON cu.shop_id = sv.shop_id AND cu.id = COALESCE(c.customer_id, o.customer_id)
       WHERE sv.shop_id = ? AND sv.id = ?`,
    )
    .bind(shopId, surveyId)
    .first<SurveyContext>();
  if (!sv) return 'missing';
  if (sv.status !== 'scheduled') return 'already-done';
  const now = s.clock.now();
  if (sv.due_at > now) return 'not-due';
  if (!sv.recipient) {
    await d1
      .prepare(`UPDATE surveys SET status = 'cancelled', updated_at = ? WHERE id = ? AND status = 'scheduled'`)
      .bind(now, sv.id)
      .run();
    return 'already-done';
  }
  const locale = closestLocale(sv.locale);
  const t = surveyText(locale);
  const base = `${s.settings.PUBLIC_URL ?? ''}/survey/`;
  const exp = now + SURVEY_LINK_TTL_MS;
  const { min, max } = surveyScale[sv.kind];
  const scores = [];
  for (let v = min; v <= max; v++)
    scores.push({
      score: v,
      url: base + (await signSurveyToken(s.settings.APP_SECRET, { s: sv.id, h: shopId, p: 'a', v, e: exp })),
    });
  const unsubscribe = `${base}unsubscribe/${await signSurveyToken(s.settings.APP_SECRET, { s: sv.id, h: shopId, p: 'u', e: now + 365 * DAY_MS })}`;
  const dedupeKey = `survey:${sv.id}`;
  const email = await prepareNotification(s, {
    shopId,
    kind: 'survey',
    recipient: sv.recipient,
    locale,
    dedupeKey,
    vars: {
      customer_name: sv.first_name,
      subject_label: sv.case_number !== null ? t.case(`R-${sv.case_number}`) : t.order(sv.order_name ?? ''),
      question: t[sv.kind].question,
      low_label: t[sv.kind].low,
      high_label: t[sv.kind].high,
      scores,
      unsubscribe_url: unsubscribe,
    },
    onlyIf: { sql: `SELECT 1 FROM surveys WHERE id = ? AND status = 'sent'`, params: [sv.id] },
  });
  const [marked] = await d1.batch([
    d1
      .prepare(`UPDATE surveys SET status = 'sent', sent_at = ?, updated_at = ? WHERE id = ? AND status = 'scheduled'`)
      .bind(now, now, sv.id),
    email,
  ]);
  if (!marked?.meta.changes) return 'already-done';
  await enqueueJob(s, { kind: 'deliver-notification', shopId, dedupeKey }).catch((err) =>
    log({ kind: 'job', outcome: 'error', durationMs: 0, step: 'survey-enqueue', error: String(err) }),
  );
  return 'sent';
}
