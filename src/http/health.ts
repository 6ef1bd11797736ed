import { Hono } from 'hono';
import type { AppBindings } from './types';

export const health = new Hono<AppBindings>();

/** Liveness only: no I/O, so it is also the bench's bare route (the floor every scenario is compared to). */
health.get('/livez', (c) => c.text('ok'));

/** Liveness plus readiness: the version, whether D1 answers, and the latest applied migration. */
health.get('/healthz', async (c) => {
  const d1 = c.get('services').d1();
  let database: { reachable: boolean; migration: string | null; error?: string };
  try {
    const row = await d1.prepare('SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1').first<{ name: string }>();
    database = { reachable: true, migration: row?.name ?? null };
  } catch (err) {
    database = { reachable: false, migration: null, error: err instanceof Error ? err.message : String(err) };
  }
  const ok = database.reachable && database.migration !== null;
  return c.json({ status: ok ? 'ok' : 'degraded', version: c.env.APP_VERSION, database }, ok ? 200 : 503);
});
