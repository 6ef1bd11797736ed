import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Env } from '../env';
import { requeueStrandedEvents, STRANDED_AFTER_MS } from './requeue-stranded';

const NOW = Date.parse('2026-11-25T12:00:00Z');

function recordingQueue() {
  const sent: string[] = [];
  const queue = {
    send: async (body: { eventId: string }) => void sent.push(body.eventId),
    sendBatch: async (messages: Iterable<{ body: { eventId: string } }>) => {
      const list = [...messages];
      if (list.length > 100) throw new Error('sendBatch takes at most 100 messages');
      for (const m of list) sent.push(m.body.eventId);
    },
  };
  return { sent, env: { ...env, EVENTS: queue } as unknown as Env };
}

async function insertEvents(prefix: string, count: number, receivedAt: number, status = 'received') {
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
     INSERT INTO webhook_events (id, source, delivery_id, topic, headers, body, status, received_at, enqueued_at)
     SELECT ?2 || i, 'shopify', ?2 || i, 'orders/create', '{}', '{}', ?3, ?4 + i, ?4 + i FROM n`,
  )
    .bind(count, prefix, status, receivedAt)
    .run();
}

describe('stranded events sweep step', () => {
  it('re-enqueues every event stranded in received (not only the first 100) in one tick, once, and leaves fresh and applied ones alone', async () => {
    const old = NOW - STRANDED_AFTER_MS - 60_000;
    await insertEvents('evt_stranded_', 1_250, old);
    await insertEvents('evt_fresh_', 5, NOW - 1_000);
    await insertEvents('evt_done_', 5, old, 'processed');

    const first = recordingQueue();
    expect(await requeueStrandedEvents(first.env, NOW)).toEqual({ requeued: 1_250 });
    expect(new Set(first.sent).size).toBe(1_250);
    expect(first.sent.every((id) => id.startsWith('evt_stranded_'))).toBe(true);

    // Stamped: the next tick (a minute later) does not send them again while they are in flight.
    const second = recordingQueue();
    expect(await requeueStrandedEvents(second.env, NOW + 60_000)).toEqual({ requeued: 0 });
    // …but once their new enqueue is stale too, they are sent again (the consumer is idempotent),
    // and by then the 5 fresh ones are stranded as well.
    const third = recordingQueue();
    expect((await requeueStrandedEvents(third.env, NOW + STRANDED_AFTER_MS + 1)).requeued).toBe(1_255);
  });
});
