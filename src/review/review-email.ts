/**
 * The weekly review email (template `weekly_review`, en / zh-CN / de by the shop's language) to
 * the shop's review recipients, once per shop, week and recipient (dedupe key), written with the
 * review's `emailed_at` in one batch.
 */
import { findShopById } from '../db/shops';
import { intlLocale, matchLocale } from '../i18n/locales';
import { formatMoney } from '../lib/money';
import { prepareNotification } from '../notifications/outbox';
import { enqueueJobs } from '../queue/enqueue';
import type { JobMessage } from '../queue/messages';
import type { Services } from '../services';
import type { WeeklyReview } from './figures';
import { reviewRecipients } from './recipients';

const EMAILED_PROBLEMS = 5;
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Handling time and cost in the shop's language (a review kept before they existed has neither). */
function handlingVars(review: WeeklyReview, shopLocale: string) {
  const intl = intlLocale[matchLocale(shopLocale) ?? 'en'];
  const hours = (ms: number | null | undefined) =>
    ms === null || ms === undefined
      ? '—'
      : new Intl.NumberFormat(intl, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(ms / 3_600_000);
  const money = (amount: number, currency: string) => formatMoney({ amount, currency }, intl);
  const overall = review.handling?.overall;
  return {
    first_contact_rate: percent(overall?.firstContactRate ?? null),
    first_reply_hours: hours(overall?.firstReply.p50Ms),
    resolution_hours: hours(overall?.resolution.p50Ms),
    cost: (review.cost ?? []).map((c) => ({
      total: money(c.total, c.currency),
      refunded: money(c.refunded, c.currency),
      credit: money(c.storeCredit, c.currency),
      labels: money(c.labels, c.currency),
    })),
  };
}

function emailVars(s: Services, review: WeeklyReview, openActions: number, shopLocale: string) {
  return {
    ...handlingVars(review, shopLocale),
    week: review.week,
    cases: review.volume.cases,
    orders: review.volume.orders,
    contact_rate: percent(review.contactRate),
    sla_compliance: percent(review.sla.compliance),
    csat: review.satisfaction.csat.score === null ? '—' : String(review.satisfaction.csat.score),
    top_problems: review.topProblems
      .slice(0, EMAILED_PROBLEMS)
      .map((p) => ({ sku: p.sku ?? '', reason: p.reason, quantity: p.quantity, change: p.change })),
    new_problems: review.newProblems.length,
    open_actions: openActions,
    review_url: `${s.settings.PUBLIC_URL ?? ''}/admin/review?week=${review.week}`,
  };
}

export async function sendReviewEmail(s: Services, shopId: string, review: WeeklyReview): Promise<number> {
  const shop = await findShopById(s, shopId);
  if (!shop) return 0;
  const d1 = s.d1(shopId);
  const open = await d1
    .prepare(`SELECT COUNT(*) AS n FROM action_items WHERE shop_id = ?1 AND status = 'open'`)
    .bind(shopId)
    .first<{ n: number }>();
  const vars = emailVars(s, review, open?.n ?? 0, shop.locale);
  const statements: D1PreparedStatement[] = [];
  const jobs: JobMessage[] = [];
  for (const recipient of reviewRecipients(shop)) {
    const dedupeKey = `review:${review.week}:${recipient}`;
    statements.push(
      await prepareNotification(s, { shopId, kind: 'weekly_review', recipient, locale: shop.locale, vars, dedupeKey }),
    );
    jobs.push({ kind: 'deliver-notification', shopId, dedupeKey });
  }
  if (statements.length === 0) return 0;
  statements.push(
    d1
      .prepare(`UPDATE weekly_reviews SET emailed_at = ?3 WHERE shop_id = ?1 AND week = ?2 AND emailed_at IS NULL`)
      .bind(shopId, review.week, s.clock.now()),
  );
  await d1.batch(statements);
  await enqueueJobs(s, jobs);
  return jobs.length;
}
