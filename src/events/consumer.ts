import * as z from 'zod';
import type { Env } from '../env';
import { log } from '../lib/log';
import { createServices, type Services } from '../services';
import { applyEvent } from './apply';
import { applyBatched, type EventMessage } from './batch-apply';
import { loadEvent, markApplied, markAttemptFailed, markDead } from './event-store';

const message = z.object({ eventId: z.string().min(1).max(100) });

/** Exponential backoff for a failed apply, in seconds: 10, 20, 40 … capped at 10 minutes. */
export function backoff(attempts: number): number {
  return Math.min(10 * 2 ** Math.max(0, attempts - 1), 600);
}

export interface ConsumerOptions {
  services?: (env: Env) => Services;
}

/**
 * The `events` queue consumer. A batch is applied together where it can be (events/batch-apply.ts:
 * one read for all, one D1 batch per shop for the orders); whatever that leaves — other topics, or
 * a shop whose batch failed — is applied one message at a time: load the stored event, apply it,
 * mark it; a failure is counted on the row and retried with backoff, and after the last retry the
 * queue moves it to the DLQ. An event already processed is acked without work (a redelivery), so
 * the consumer is idempotent.
 */
export function createEventsConsumer(options: ConsumerOptions = {}) {
  return async function consumeEvents(batch: MessageBatch<unknown>, env: Env): Promise<void> {
    const s = (options.services ?? createServices)(env);
    const messages = parseMessages(batch.messages);
    let alone = messages;
    if (messages.length > 1) {
      try {
        alone = await applyBatched(s, messages);
      } catch (err) {
        // The batch read failed: every message takes the one-by-one path, which reads again.
        log({ kind: 'event', outcome: 'retry', durationMs: 0, events: messages.length, error: String(err) });
      }
    }
    for (const m of alone) await applyOne(s, m);
  };
}

/** Malformed messages are logged and acked (retrying cannot fix them). */
function parseMessages(messages: readonly Message<unknown>[]): EventMessage[] {
  const parsed: EventMessage[] = [];
  for (const msg of messages) {
    const body = message.safeParse(msg.body);
    if (body.success) {
      parsed.push({ msg, eventId: body.data.eventId });
      continue;
    }
    log({
      kind: 'event',
      outcome: 'rejected',
      durationMs: 0,
      error: 'malformed events message',
      body: String(msg.body).slice(0, 200),
    });
    msg.ack();
  }
  return parsed;
}

async function applyOne(s: Services, { msg, eventId, event: loaded }: EventMessage): Promise<void> {
  const started = Date.now();
  try {
    const event = loaded ?? (await loadEvent(s, eventId));
    if (!event || event.status === 'processed' || event.status === 'ignored') {
      msg.ack();
      return;
    }
    const result = await applyEvent(s, event);
    await markApplied(s, eventId, result.status, result.shopId, result.note ?? null);
    log({
      kind: 'event',
      outcome: 'ok',
      durationMs: Date.now() - started,
      eventId,
      topic: event.topic,
      status: result.status,
    });
    msg.ack();
  } catch (err) {
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    await markAttemptFailed(s, eventId, error).catch(() => undefined);
    log({
      kind: 'event',
      outcome: 'retry',
      durationMs: Date.now() - started,
      eventId,
      attempts: msg.attempts,
      error,
    });
    msg.retry({ delaySeconds: backoff(msg.attempts) });
  }
}

/** The `events-dlq` consumer: the event ran out of retries; mark it failed so the admin sees it. */
export function createDeadEventsConsumer(options: ConsumerOptions = {}) {
  return async function consumeDeadEvents(batch: MessageBatch<unknown>, env: Env): Promise<void> {
    const s = (options.services ?? createServices)(env);
    for (const msg of batch.messages) {
      const parsed = message.safeParse(msg.body);
      if (parsed.success) {
        await markDead(s, parsed.data.eventId);
        log({ kind: 'event', outcome: 'error', durationMs: 0, eventId: parsed.data.eventId, error: 'dead-lettered' });
      }
      msg.ack();
    }
  };
}

export const consumeEvents = createEventsConsumer();
export const consumeDeadEvents = createDeadEventsConsumer();
