/** `GET /api/admin/activity?before=`: the shop's audit trail, newest first, 50 to a page. */
import { Hono } from 'hono';
import type { AppBindings } from '../../http/types';
import { activityPage } from '../activity-feed';

export const activityApi = new Hono<AppBindings>();

activityApi.get('/activity', async (c) =>
  c.json(await activityPage(c.get('services'), c.get('shopId'), c.req.query('before'))),
);
