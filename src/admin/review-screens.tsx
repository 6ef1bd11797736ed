import { renderAdmin } from './render';
import { Hono } from 'hono';
import { AppError } from '../http/errors';
import { readForm } from '../http/form-body';
import { civilDay, instantToWall } from '../lib/zone-time';
import { actionItemInput, closeActionItem, openActionItem } from '../review/action-items';
import { listAlerts } from '../review/alerts';
import { reviewFor } from '../review/review-store';
import { addWeeks, formatIsoWeek, parseIsoWeek, weekAt } from '../review/week';
import { ReviewPage } from '../views/admin/review-page';
import type { AdminEnv } from './auth/screen-auth';
import { csvHeaderLanguage } from './csv';
import { reviewCsv } from './review-csv';
import { parseOr400 } from './api/validate';

/** The weekly review screen, its CSV, and the action item forms (under `/admin`, behind the session). */
export const reviewScreens = new Hono<AdminEnv>();

const DAY_MS = 86_400_000;
const localDate = (zone: string, t: number) =>
  new Date(civilDay(instantToWall(zone, t)) * DAY_MS).toISOString().slice(0, 10);

reviewScreens.get('/review', async (c) => {
  const s = c.get('services');
  const now = s.clock.now();
  const [review, alerts] = await Promise.all([
    reviewFor(s, c.get('shopId'), c.req.query('week') || undefined, c.get('fmt').locale),
    listAlerts(s.d1(c.get('shopId')), c.get('shopId'), 'open'),
  ]);
  const week = parseIsoWeek(review.week)!;
  const zone = review.range.timezone;
  const next = formatIsoWeek(addWeeks(week, 1));
  const current = formatIsoWeek(weekAt(zone, now));
  const page = (
    <ReviewPage
      review={review}
      alerts={alerts}
      previousWeek={formatIsoWeek(addWeeks(week, -1))}
      nextWeek={next <= current ? next : null}
      dueDefault={localDate(zone, now + 7 * DAY_MS)}
      shop={c.get('shopDomain')}
      csrf={c.get('csrf')}
      notice={c.req.query('opened') ? c.get('fmt').t('review.actionOpened') : undefined}
    />
  );
  return renderAdmin(c, page);
});

reviewScreens.get('/export/review.csv', async (c) => {
  const review = await reviewFor(
    c.get('services'),
    c.get('shopId'),
    c.req.query('week') || undefined,
    c.get('fmt').locale,
  );
  const lang = csvHeaderLanguage(c.req.query('lang'), c.get('fmt').locale);
  return c.body(reviewCsv(review, lang), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="review-${review.week}.csv"`,
  });
});

reviewScreens.post('/review/actions', async (c) => {
  const form = await readForm(c);
  const text = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : undefined);
  const input = parseOr400(
    actionItemInput,
    {
      ...Object.fromEntries(['title', 'owner', 'due', 'reason', 'week', 'baseline'].map((k) => [k, text(k)])),
      sku: text('sku') || null,
    },
    'The action item',
  );
  await openActionItem(c.get('services'), c.get('shopId'), input);
  return c.redirect(`/admin/review?week=${input.week}&opened=1`, 303);
});

reviewScreens.post('/review/actions/:id/close', async (c) => {
  const closed = await closeActionItem(c.get('services'), c.get('shopId'), c.req.param('id'));
  if (!closed) throw new AppError('not_found', 'No open action item with this id.');
  return c.redirect('/admin/review', 303);
});
