/**
 * Drain rate of the `events` queue: N orders/create webhooks sent as fast as the ack allows, then
 * the seconds until none is left `received` (polled through the admin events API, which is what a
 * merchant would look at). Earlier scenarios' backlog is drained first so it is not counted.
 */
import autocannon from 'autocannon';
import { ADMIN_HEADERS, probe } from './scenarios';
import { requestPool, shopifyOrderCreate } from './payloads';
import { sleep, type LocalServer } from './server';
import type { Row } from './table';

const NAME = 'events queue drain';

/** How many events the admin events API lists with `status`; `null` when the route is missing. */
export async function eventsWithStatus(base: string, status: string): Promise<number | null> {
  const res = await fetch(`${base}/api/admin/events?status=${status}&limit=100`, { headers: ADMIN_HEADERS });
  const text = await res.text();
  if (res.status === 404 && text.includes('No route for')) return null;
  if (!res.ok) throw new Error(`GET /api/admin/events?status=${status} answered ${res.status}: ${text.slice(0, 200)}`);
  const json = JSON.parse(text) as unknown;
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const o = json as Record<string, unknown>;
    for (const key of ['total', 'count']) if (typeof o[key] === 'number') return o[key] as number;
    for (const value of Object.values(o)) if (Array.isArray(value)) return value.length;
  }
  return Array.isArray(json) ? json.length : 0;
}

/**
 * Polls until nothing is left `received`. With `cronEveryMs`, fires the cron (wrangler's
 * `/__scheduled`, as production's every-minute trigger would) on that period while waiting: its
 * stranded-events step re-sends events the queue has not delivered for 90 s. Miniflare's local
 * queue sometimes stops delivering a few messages under load (Cloudflare Queues does not lose
 * them), and without the cron — the bench server runs no ticker — they stay `received` for good.
 */
async function waitUntilDrained(
  base: string,
  maxMs: number,
  cronEveryMs?: number,
): Promise<{ ms: number; left: number; cronTicks: number }> {
  const started = Date.now();
  let left = 0;
  let failedPolls = 0;
  let cronTicks = 0;
  let nextCron = cronEveryMs === undefined ? Infinity : started + cronEveryMs;
  while (Date.now() - started < maxMs) {
    if (Date.now() >= nextCron) {
      cronTicks++;
      nextCron += cronEveryMs!;
      await fetch(`${base}/__scheduled?cron=*+*+*+*+*`).catch(() => undefined);
    }
    try {
      left = (await eventsWithStatus(base, 'received')) ?? 0;
      failedPolls = 0;
    } catch (err) {
      // One lost poll (local workerd restarting under load: "fetch failed") is not the end of the
      // measurement; a server that stays away is. Said on the console either way.
      failedPolls++;
      console.log(`  drain poll failed (${failedPolls} in a row): ${String(err)}`);
      if (failedPolls >= 20) throw err;
      await sleep(1_000);
      continue;
    }
    if (left === 0) return { ms: Date.now() - started, left: 0, cronTicks };
    await sleep(500);
  }
  return { ms: Date.now() - started, left, cronTicks };
}

export interface DrainResult {
  row: Row;
  acceptedTotal?: number;
  seconds?: number;
  backlogSeconds?: number;
}

export async function measureDrain(
  server: LocalServer,
  options: { count: number; connections: number; maxWaitMs?: number },
): Promise<DrainResult> {
  const maxWaitMs = options.maxWaitMs ?? 600_000;
  const base = server.base;
  const what = `${options.count.toLocaleString('en')} orders/create webhooks sent, then seconds until none is left 'received'`;
  if ((await probe(base, shopifyOrderCreate(9_999_998))).missing)
    return { row: { name: NAME, what, skipped: 'route missing (POST /webhooks/shopify)' } };
  if ((await eventsWithStatus(base, 'received')) === null)
    return { row: { name: NAME, what, skipped: 'route missing (GET /api/admin/events)' } };

  const backlog = await waitUntilDrained(base, maxWaitMs);
  console.log(`  earlier backlog drained in ${(backlog.ms / 1000).toFixed(1)} s (${backlog.left} left)`);

  const cpuBefore = server.cpuSeconds();
  const started = Date.now();
  const next = requestPool(options.count, (n) => shopifyOrderCreate(20_000_000 + n));
  const sent = await autocannon({
    url: base,
    connections: options.connections,
    amount: options.count,
    timeout: 30,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, ...next() }) }],
  });
  const sendMs = Date.now() - started;
  const accepted = sent['2xx'];
  // Production runs the cron every minute; so does the wait here (see waitUntilDrained).
  const done = await waitUntilDrained(base, maxWaitMs, 60_000);
  const totalMs = Date.now() - started;
  const cpuAfter = server.cpuSeconds();
  const failed = (await eventsWithStatus(base, 'failed')) ?? 0;
  const perSecond = accepted / (totalMs / 1000);
  const row: Row = {
    name: NAME,
    what,
    rps: perSecond,
    total: accepted,
    errors: sent.errors + sent.timeouts,
    non2xx: sent.non2xx,
    statuses: Object.fromEntries(Object.entries(sent.statusCodeStats).map(([k, v]) => [k, v.count])),
    cpuMsPerRequest:
      cpuBefore !== null && cpuAfter !== null && accepted > 0 ? ((cpuAfter - cpuBefore) * 1000) / accepted : undefined,
    note:
      done.left === 0
        ? `events/s applied: ${accepted.toLocaleString('en')} accepted, sent in ${(sendMs / 1000).toFixed(1)} s, all applied after ${(totalMs / 1000).toFixed(1)} s; ${failed} failed; ${done.cronTicks} cron ticks while waiting`
        : `NOT drained: ${done.left}+ still 'received' after ${(totalMs / 1000).toFixed(0)} s (${done.cronTicks} cron ticks)`,
  };
  return { row, acceptedTotal: accepted, seconds: totalMs / 1000, backlogSeconds: backlog.ms / 1000 };
}
