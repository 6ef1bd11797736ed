import { Hono } from 'hono';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';
import { dashboardMetrics } from './dashboard-metrics';
import { resolveRange } from './range';
import { memberFigures } from '../../team/member-figures';

/** `GET /api/admin/metrics?from&to`: the dashboard's numbers for the caller's shop, and `team`: per member and tier. */
export const metricsApi = new Hono<AppBindings>();

metricsApi.get('/metrics', async (c) => {
  const s = c.get('services');
  const range = resolveRange({ from: c.req.query('from'), to: c.req.query('to') }, s.clock.now());
  if ('error' in range) throw new AppError('validation_failed', range.error);
  const [dashboard, team] = await Promise.all([
    dashboardMetrics(s, c.get('shopId'), range),
    memberFigures(s, c.get('shopId'), range),
  ]);
  return c.json({ ...dashboard, team });
});
