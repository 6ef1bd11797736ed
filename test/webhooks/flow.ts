/** Drives the whole path: a signed request through the Worker, then the events consumer on it. */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import worker from '../../src/index';

export interface Delivered {
  status: number;
  eventId: string | null;
}

/** POSTs the request and returns the stored event id (by its delivery id). */
export async function post(req: Request): Promise<Delivered> {
  const source = new URL(req.url).pathname.endsWith('/stripe') ? 'stripe' : 'shopify';
  const raw = await req.clone().text();
  const deliveryId =
    source === 'shopify' ? req.headers.get('x-shopify-webhook-id') : (JSON.parse(raw) as { id?: string }).id;
  const res = await exports.default.fetch(req);
  const row = await env.DB.prepare('SELECT id FROM webhook_events WHERE source = ?1 AND delivery_id = ?2')
    .bind(source, deliveryId ?? '')
    .first<{ id: string }>();
  return { status: res.status, eventId: row?.id ?? null };
}

/** Runs the `events` consumer on the given events (as the queue would) and returns the result. */
export async function consume(eventIds: string[], attempts = 1, queue = 'aftercare-events') {
  const batch = createMessageBatch(
    queue,
    eventIds.map((eventId, i) => ({ id: `msg-${eventId}-${i}`, timestamp: new Date(), attempts, body: { eventId } })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<unknown>, env, ctx);
  return getQueueResult(batch, ctx);
}

/** Delivers and applies: the request must be accepted and the event applied or ignored. */
export async function deliver(req: Request): Promise<string> {
  const { status, eventId } = await post(req);
  expect(status).toBe(200);
  expect(eventId).not.toBeNull();
  await consume([eventId!]);
  const row = await eventRow(eventId!);
  expect(row?.status, row?.last_error ?? '').toMatch(/processed|ignored/);
  return eventId!;
}

export function eventRow(id: string) {
  return env.DB.prepare('SELECT * FROM webhook_events WHERE id = ?1')
    .bind(id)
    .first<{ status: string; attempts: number; last_error: string | null; shop_id: string | null; body: string }>();
}

export async function shopIdOf(domain: string): Promise<string> {
  const row = await env.DB.prepare('SELECT id FROM shops WHERE domain = ?1').bind(domain).first<{ id: string }>();
  expect(row, `shop ${domain}`).not.toBeNull();
  return row!.id;
}

export function uniqueDomain(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}.myshopify.com`;
}
