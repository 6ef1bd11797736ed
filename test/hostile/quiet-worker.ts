/**
 * The Worker's own fetch handler, with its queues replaced by recorders, and every `waitUntil`
 * awaited before the response is judged. A request's writes are then all done when `fetch`
 * returns, and no queue consumer writes seconds later on behalf of an earlier accepted request:
 * a snapshot taken after a refused request shows that request's writes and nothing else.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../src/index';
import type { Env } from '../../src/env';

export const sent: Array<{ queue: string; body: unknown }> = [];

function recorder(queue: string): Queue<unknown> {
  return {
    send: async (body: unknown) => void sent.push({ queue, body }),
    sendBatch: async (messages: Iterable<MessageSendRequest<unknown>>) => {
      for (const m of messages) sent.push({ queue, body: m.body });
    },
  } as unknown as Queue<unknown>;
}

const quietEnv = {
  ...(env as unknown as Env),
  EVENTS: recorder('events'),
  EVENTS_DLQ: recorder('events-dlq'),
  JOBS: recorder('jobs'),
  JOBS_DLQ: recorder('jobs-dlq'),
} as Env;

export async function quietFetch(request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch!(request as Request<unknown, IncomingRequestCfProperties>, quietEnv, ctx);
  // Read the body first: a streamed body may still be producing when the handler returns.
  const body = await res.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return new Response(body, { status: res.status, headers: res.headers });
}
