import { renderAdmin } from './render';
import { Hono } from 'hono';
import { AppError } from '../http/errors';
import { listAlerts } from '../review/alerts';
import { DashboardPage } from '../views/admin/dashboard-page';
import { memberFigures } from '../team/member-figures';
import type { AdminEnv } from './auth/screen-auth';
import { csvHeaderLanguage } from './csv';
import { casesCsv, dashboardCsv } from './exports';
import { dashboardMetrics } from './metrics/dashboard-metrics';
import { resolveRange } from './metrics/range';

/** Dashboard and CSV exports (mounted under `/admin`, behind the screen session). */
export const dashboardScreens = new Hono<AdminEnv>();

function rangeOf(c: { req: { query(k: string): string | undefined } }, now: number) {
  const range = resolveRange({ from: c.req.query('from') || undefined, to: c.req.query('to') || undefined }, now);
  if ('error' in range) throw new AppError('validation_failed', range.error);
  return range;
}

dashboardScreens.get('/dashboard', async (c) => {
  const s = c.get('services');
  const range = rangeOf(c, s.clock.now());
  const [m, team, alerts] = await Promise.all([
    dashboardMetrics(s, c.get('shopId'), range),
    memberFigures(s, c.get('shopId'), range),
    listAlerts(s.d1(c.get('shopId')), c.get('shopId'), 'open'),
  ]);
  return renderAdmin(
    c,
    <DashboardPage m={m} team={team} alerts={alerts} shop={c.get('shopDomain')} csrf={c.get('csrf')} />,
  );
});

dashboardScreens.get('/export/dashboard.csv', async (c) => {
  const s = c.get('services');
  const m = await dashboardMetrics(s, c.get('shopId'), rangeOf(c, s.clock.now()));
  const lang = csvHeaderLanguage(c.req.query('lang'), c.get('fmt').locale);
  return c.body(dashboardCsv(m, lang), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': 'attachment; filename="dashboard.csv"',
  });
});

dashboardScreens.get('/export/cases.csv', (c) => {
  const s = c.get('services');
  const lang = csvHeaderLanguage(c.req.query('lang'), c.get('fmt').locale);
  return c.body(casesCsv(s, c.get('shopId'), lang), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': 'attachment; filename="cases.csv"',
  });
});
