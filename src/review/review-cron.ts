/**
 * Cron step: each active shop's review of its last full week, from Monday REVIEW_HOUR local on,
 * once per shop and week (the store's unique key makes a duplicate tick, or two at once, keep one).
 * A shop is skipped cheaply once its newest kept review is that week.
 */
import { allDatabases } from '../db/databases';
import { log } from '../lib/log';
import type { Services } from '../services';
import type { WeeklyReview } from './figures';
import { keepReview } from './review-store';
import { formatIsoWeek, isReviewDue, lastFullWeek } from './week';

/** At most this many reviews per tick: a backlog (many shops in one zone) spreads over a few minutes. */
const REVIEWS_PER_TICK = 25;

interface ShopRow {
  id: string;
  timezone: string;
  last_week: string | null;
}

async function shopsAwaitingReview(s: Services, now: number): Promise<ShopRow[]> {
  const due = new Map<string, ShopRow>();
  for (const d1 of allDatabases(s.env)) {
    const rows = await d1
      .prepare(
        `SELECT s.id, s.timezone, (SELECT MAX(w.week) FROM weekly_reviews w WHERE w.shop_id = s.id) AS last_week
         FROM shops s WHERE s.status = 'active'`,
      )
      .all<ShopRow>();
    for (const r of rows.results) {
      const zone = r.timezone || 'UTC';
      // ISO week labels sort as text: a kept review at or past the last full week means done.
      const behind = (r.last_week ?? '') < formatIsoWeek(lastFullWeek(zone, now));
      if (behind && isReviewDue(zone, now)) due.set(r.id, { ...r, timezone: zone });
    }
  }
  return [...due.values()].slice(0, REVIEWS_PER_TICK);
}

export async function computeDueReviews(
  s: Services,
  onKept: (shopId: string, review: WeeklyReview) => Promise<unknown> = async () => {},
): Promise<{ computed: number; errors: number }> {
  const now = s.clock.now();
  let computed = 0;
  let errors = 0;
  for (const shop of await shopsAwaitingReview(s, now)) {
    try {
      const week = lastFullWeek(shop.timezone, now);
      const { review, created } = await keepReview(s, shop.id, shop.timezone, week);
      if (created) {
        computed++;
        await onKept(shop.id, review);
      }
    } catch (err) {
      errors++;
      log({
        kind: 'cron',
        outcome: 'error',
        durationMs: 0,
        step: 'weekly-reviews',
        shopId: shop.id,
        error: String(err),
      });
    }
  }
  return { computed, errors };
}
