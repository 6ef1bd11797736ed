import { log } from '../lib/log';
import type { Services } from '../services';
import { shopForEvents, type ShopifyApplier, type ShopifyApplyContext } from './apply';
import { loadEvents, markAppliedStatement, type StoredEvent } from './event-store';
import { parseLosslessJson } from './lossless-json';

/** A parsed `events` message: the queue's handle and the stored event it names. */
export interface EventMessage {
  msg: Message<unknown>;
  eventId: string;
  /** Filled in by the batch load; the one-by-one path loads it itself when absent. */
  event?: StoredEvent;
}

interface Planned {
  m: EventMessage & { event: StoredEvent };
  statements: D1PreparedStatement[];
  ctx: ShopifyApplyContext;
  after: ShopifyApplier['afterCommit'];
}

/**
 * One D1 batch holds at most this many statements: a queue batch of 50 five-line orders is ~350.
 * D1 counts each statement against the invocation's query limit, so a larger share is split.
 */
const MAX_STATEMENTS_PER_COMMIT = 500;

/**
 * Applies what it can of a queue batch together: one read for every event, then per shop one D1
 * batch with the statements of every event whose applier is statements only (orders), and one
 * batch marking them processed. Acks what it applied or found already done; returns the messages
 * left for the one-by-one path: other topics, and every event of a shop whose batch failed, so a
 * poison event retries (and dead-letters) alone while the others apply on their own.
 */
export async function applyBatched(s: Services, messages: EventMessage[]): Promise<EventMessage[]> {
  const events = await loadEvents(s, [...new Set(messages.map((m) => m.eventId))]);
  const left: EventMessage[] = [];
  const byShop = new Map<string, Array<{ m: EventMessage & { event: StoredEvent }; applier: ShopifyApplier }>>();
  const seen = new Set<string>();
  for (const m of messages) {
    const event = events.get(m.eventId);
    // Gone, already applied (a redelivery), or a second message for an event this batch applies.
    if (!event || event.status === 'processed' || event.status === 'ignored' || seen.has(m.eventId)) {
      m.msg.ack();
      continue;
    }
    seen.add(m.eventId);
    const applier = event.source === 'shopify' ? s.appliers.shopify.get(event.topic) : undefined;
    if (!applier?.statements || !event.shopDomain) {
      left.push({ ...m, event });
      continue;
    }
    const group = byShop.get(event.shopDomain) ?? [];
    group.push({ m: { ...m, event }, applier });
    byShop.set(event.shopDomain, group);
  }
  for (const [domain, group] of byShop) left.push(...(await applyShopShare(s, domain, group)));
  return left;
}

async function applyShopShare(
  s: Services,
  domain: string,
  group: Array<{ m: EventMessage & { event: StoredEvent }; applier: ShopifyApplier }>,
): Promise<EventMessage[]> {
  const started = Date.now();
  let shop: Awaited<ReturnType<typeof shopForEvents>>;
  try {
    shop = await shopForEvents(s, domain);
  } catch {
    return group.map((g) => g.m);
  }
  const planned: Planned[] = [];
  const left: EventMessage[] = [];
  for (const { m, applier } of group) {
    try {
      const ctx = { s, event: m.event, shop, body: parseLosslessJson(m.event.body) };
      planned.push({ m, statements: applier.statements!(ctx), ctx, after: applier.afterCommit });
    } catch {
      left.push(m); // A body that does not parse fails again alone, and retries alone.
    }
  }
  for (const chunk of commitChunks(planned)) {
    try {
      await s.d1(shop.id).batch(chunk.flatMap((p) => p.statements));
      await runAfterCommits(chunk);
      await s.d1().batch(chunk.map((p) => markAppliedStatement(s, p.m.eventId, 'processed', shop.id, null)));
    } catch (err) {
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      log({ kind: 'event', outcome: 'retry', durationMs: Date.now() - started, events: chunk.length, error });
      left.push(...chunk.map((p) => p.m));
      continue;
    }
    for (const p of chunk) {
      log({
        kind: 'event',
        outcome: 'ok',
        durationMs: Date.now() - started,
        eventId: p.m.eventId,
        topic: p.m.event.topic,
        status: 'processed',
        batched: chunk.length,
      });
      p.m.msg.ack();
    }
  }
  return left;
}

/** Each applier's follow-up once, with the contexts of its events in the chunk. */
async function runAfterCommits(chunk: Planned[]): Promise<void> {
  const byHook = new Map<NonNullable<Planned['after']>, ShopifyApplyContext[]>();
  for (const p of chunk) if (p.after) byHook.set(p.after, [...(byHook.get(p.after) ?? []), p.ctx]);
  for (const [hook, ctxs] of byHook) await hook(ctxs);
}

function commitChunks(planned: Planned[]): Planned[][] {
  const chunks: Planned[][] = [];
  let current: Planned[] = [];
  let size = 0;
  for (const p of planned) {
    if (current.length > 0 && size + p.statements.length > MAX_STATEMENTS_PER_COMMIT) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(p);
    size += p.statements.length;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
