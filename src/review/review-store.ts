/**
 * Weekly reviews as kept: one row per shop and ISO week, computed once from the rollups and never
 * recomputed (so a review says what the shop knew that Monday). A week not yet over is computed
 * on demand but not kept. Action items are attached when the review is read, so the item opened
 * from a review shows in it and in every later one, each with its own week's figure.
 */
import { reasonRangeParams } from '../db/range-queries';
import { AppError } from '../http/errors';
import type { Services } from '../services';
import { actionItemsFor, type ReviewedActionItem, withCurrentFigures } from './action-items';
import { composeWeeklyReview, type WeeklyReview } from './figures';
import { loadReviewInputs } from './review-inputs';
import { problemsBySku } from './review-queries';
import { reviewSkippedSteps, type SkippedStepLine } from './skipped-steps';
import { formatIsoWeek, type IsoWeek, lastFullWeek, parseIsoWeek, weekRange } from './week';

export interface ReviewDocument extends WeeklyReview {
  range: { from: number; to: number; timezone: string };
  computedAt: number;
  /** Whether this review is kept (a week that has ended); a week in progress is computed live. */
  final: boolean;
  actionItems: ReviewedActionItem[];
  /** Procedure steps skipped on the week's cases (read when the review is read, like the action items). */
  skippedSteps: SkippedStepLine[];
}

export async function shopZone(d1: D1Database, shopId: string): Promise<string> {
  const row = await d1.prepare(`SELECT timezone FROM shops WHERE id = ?1`).bind(shopId).first<{ timezone: string }>();
  if (!row) throw new AppError('not_found', 'No such shop.');
  return row.timezone || 'UTC';
}

type Kept = Omit<ReviewDocument, 'actionItems' | 'final' | 'skippedSteps'>;

async function keptReview(d1: D1Database, shopId: string, week: string): Promise<Kept | null> {
  const row = await d1
    .prepare(`SELECT document FROM weekly_reviews WHERE shop_id = ?1 AND week = ?2`)
    .bind(shopId, week)
    .first<{ document: string }>();
  return row ? (JSON.parse(row.document) as Kept) : null;
}

async function computeReview(d1: D1Database, shopId: string, zone: string, week: IsoWeek, now: number): Promise<Kept> {
  const { inputs, range } = await loadReviewInputs(d1, shopId, zone, week);
  return { ...composeWeeklyReview(inputs), range: { ...range, timezone: zone }, computedAt: now };
}

/**
 * Computes and keeps the review of an ended week unless one is kept already (INSERT OR IGNORE on
 * (shop, week): duplicate cron runs and a racing read keep the first). `created` says whether this
 * call kept it (the one that then sends the email).
 */
export async function keepReview(s: Services, shopId: string, zone: string, week: IsoWeek) {
  const d1 = s.d1(shopId);
  const label = formatIsoWeek(week);
  const existing = await keptReview(d1, shopId, label);
  if (existing) return { review: existing, created: false };
  const review = await computeReview(d1, shopId, zone, week, s.clock.now());
  const r = await d1
    .prepare(
      `INSERT OR IGNORE INTO weekly_reviews (id, shop_id, week, document, computed_at) VALUES (?1, ?2, ?3, ?4, ?5)`,
    )
    .bind(s.newId('rev'), shopId, label, JSON.stringify(review), review.computedAt)
    .run();
  if (r.meta.changes > 0) return { review, created: true };
  return { review: (await keptReview(d1, shopId, label)) ?? review, created: false };
}

async function withActionItems(d1: D1Database, shopId: string, review: Kept): Promise<ReviewedActionItem[]> {
  const items = await actionItemsFor(d1, shopId, review.week, review.range.from);
  if (items.length === 0) return [];
  const range = review.range;
  const rows = await d1
    .prepare(problemsBySku)
    .bind(shopId, range.from, range.to, 100_000, ...reasonRangeParams(range))
    .all<{ sku: string; reason: string; quantity: number }>();
  return withCurrentFigures(items, rows.results);
}

/**
 * `GET /api/admin/reviews?week=`: the kept review, else computed (and kept when the week has ended).
 * `locale`: the reader's language, for the words of the skipped procedure steps.
 */
export async function reviewFor(
  s: Services,
  shopId: string,
  weekText: string | undefined,
  locale?: string,
): Promise<ReviewDocument> {
  const d1 = s.d1(shopId);
  const zone = await shopZone(d1, shopId);
  const now = s.clock.now();
  const week = weekText ? parseIsoWeek(weekText) : lastFullWeek(zone, now);
  if (!week) throw new AppError('validation_failed', 'week must be an ISO week, YYYY-Www (e.g. 2026-W49).');
  const final = weekRange(zone, week).to <= now;
  const review = final
    ? (await keepReview(s, shopId, zone, week)).review
    : await computeReview(d1, shopId, zone, week, now);
  const [actionItems, skippedSteps] = await Promise.all([
    withActionItems(d1, shopId, review),
    reviewSkippedSteps(s, shopId, review.range, locale),
  ]);
  return { ...review, final, actionItems, skippedSteps };
}
