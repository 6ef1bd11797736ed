import { Hono } from 'hono';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';
import { dashboardMetrics } from './dashboard-metrics';
import { resolveRange } from './range';

/** `GET /api/admin/metrics?from&to`: the dashboard's numbers for the caller's shop. */
export const metricsApi = new Hono<AppBindings>();

metricsApi.get('/metrics', async (c) => {
  const s = c.get('services');
  const range = resolveRange({ from: c.req.query('from'), to: c.req.query('to') }, s.clock.now());
  if ('error' in range) throw new AppError('validation_failed', range.error);
  return c.json(await dashboardMetrics(s, c.get('shopId'), range));
});
