/**
 * Sends webhooks the way Shopify does: every delivery is retried with the SAME delivery id and
 * body until it is answered 200 (connection refused while the server is down, a 5xx, a timeout),
 * and some accepted deliveries are sent again (Shopify delivers at least once).
 */
import type { SignedRequest } from '../../bench/payloads';
import { sleep } from '../../bench/server';

export interface Delivery {
  kind: 'order' | 'return' | 'refund';
  n: number;
  request: SignedRequest;
}

export interface SendStats {
  deliveries: number;
  accepted: number;
  duplicatesSent: number;
  attempts: number;
  failedAttempts: number;
  statuses: Record<string, number>;
  /** Deliveries answered 4xx: the server refused a correctly signed webhook (a defect). */
  rejected: Array<{ kind: string; n: number; status: number; body: string }>;
}

export async function sendAll(
  base: string,
  deliveries: Delivery[],
  options: { concurrency: number; redeliverEvery: number; onAccepted?: (accepted: number) => void; giveUpMs?: number },
): Promise<SendStats> {
  const stats: SendStats = {
    deliveries: deliveries.length,
    accepted: 0,
    duplicatesSent: 0,
    attempts: 0,
    failedAttempts: 0,
    statuses: {},
    rejected: [],
  };
  const giveUpAt = Date.now() + (options.giveUpMs ?? 15 * 60_000);
  let next = 0;

  async function deliver(d: Delivery): Promise<'accepted' | 'rejected'> {
    for (;;) {
      if (Date.now() > giveUpAt) throw new Error(`gave up delivering ${d.kind} ${d.n}: the server never accepted it`);
      stats.attempts++;
      try {
        const res = await fetch(base + d.request.path, {
          method: 'POST',
          headers: d.request.headers,
          body: d.request.body,
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text();
        stats.statuses[res.status] = (stats.statuses[res.status] ?? 0) + 1;
        if (res.status === 200) return 'accepted';
        if (res.status >= 400 && res.status < 500 && res.status !== 429) {
          stats.rejected.push({ kind: d.kind, n: d.n, status: res.status, body: text.slice(0, 200) });
          return 'rejected';
        }
      } catch {
        // refused or cut: the server is down or was killed mid-request
      }
      stats.failedAttempts++;
      await sleep(500);
    }
  }

  async function worker(): Promise<void> {
    for (;;) {
      const i = next++;
      const d = deliveries[i];
      if (!d) return;
      if ((await deliver(d)) !== 'accepted') continue;
      stats.accepted++;
      options.onAccepted?.(stats.accepted);
      if (options.redeliverEvery > 0 && i % options.redeliverEvery === 0) {
        // At-least-once: the platform sends an accepted delivery again; it must change nothing.
        stats.duplicatesSent++;
        await deliver(d);
      }
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return stats;
}
