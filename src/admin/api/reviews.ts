import { Hono } from 'hono';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';
import { actionItemInput, closeActionItem, openActionItem } from '../../review/action-items';
import { listAlerts } from '../../review/alerts';
import { csvHeaderLanguage } from '../csv';
import { reviewCsv } from '../review-csv';
import { reviewFor } from '../../review/review-store';
import { jsonBody, parseOr400 } from './validate';

/** `/api/admin/reviews` (the weekly review, JSON or CSV), `/api/admin/action-items` and `/api/admin/alerts`. */
export const reviewsApi = new Hono<AppBindings>();

reviewsApi.get('/reviews', async (c) => {
  return c.json(await reviewFor(c.get('services'), c.get('shopId'), c.req.query('week') || undefined));
});

reviewsApi.get('/reviews.csv', async (c) => {
  const review = await reviewFor(c.get('services'), c.get('shopId'), c.req.query('week') || undefined);
  // Programs read the API: machine keys unless they ask for a language (`?lang=de`).
  return c.body(reviewCsv(review, csvHeaderLanguage(c.req.query('lang'), 'keys')), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="review-${review.week}.csv"`,
  });
});

reviewsApi.post('/action-items', async (c) => {
  const input = parseOr400(actionItemInput, await jsonBody(c.req), 'The action item');
  return c.json(await openActionItem(c.get('services'), c.get('shopId'), input), 201);
});

reviewsApi.post('/action-items/:id/close', async (c) => {
  const closed = await closeActionItem(c.get('services'), c.get('shopId'), c.req.param('id'));
  if (!closed) throw new AppError('not_found', 'No open action item with this id.');
  return c.json({ id: c.req.param('id'), status: 'closed' });
});

reviewsApi.get('/alerts', async (c) => {
  const status = c.req.query('status');
  if (status !== undefined && status !== 'open' && status !== 'closed')
    throw new AppError('validation_failed', 'status must be open or closed.');
  const s = c.get('services');
  return c.json({ alerts: await listAlerts(s.d1(c.get('shopId')), c.get('shopId'), status) });
});
