/**
 * How the rest of the Worker reaches a shop's Dispatcher: `Services.dispatcher` (swappable in tests),
 * and `dispatchOnSla`, which wraps the SLA effect handler so a case that starts (new) or stops
 * (resolved, rejected, closed: capacity freed) sets the dispatcher going. Wired in services.ts.
 */
import type { Env } from '../env';
import { log } from '../lib/log';
import type { SlaHandler } from '../queue/effects';
import type { Assignment } from './assign';
import type { Dispatcher } from './dispatcher';

export interface Dispatch {
  drain(shopId: string): Promise<Assignment[]>;
  assign(shopId: string, caseId: string, memberId: string | null, actor: string): Promise<Assignment[]>;
  escalated(shopId: string, caseId: string): Promise<Assignment[]>;
  released(shopId: string, memberId: string): Promise<Assignment[]>;
}

export function dispatcherFor(env: Env, shopId: string): DurableObjectStub<Dispatcher> {
  return env.DISPATCHER.get(env.DISPATCHER.idFromName(shopId));
}

export function createDispatch(env: Env): Dispatch {
  return {
    drain: (shopId) => dispatcherFor(env, shopId).drain(shopId),
    assign: (shopId, caseId, memberId, actor) => dispatcherFor(env, shopId).assign(shopId, caseId, memberId, actor),
    escalated: (shopId, caseId) => dispatcherFor(env, shopId).escalated(shopId, caseId),
    released: (shopId, memberId) => dispatcherFor(env, shopId).released(shopId, memberId),
  };
}

/** The SLA handler, then the dispatcher when the case's arrival or end changes who has room. */
export function dispatchOnSla(inner: SlaHandler): SlaHandler {
  return async (s, effect) => {
    try {
      await inner(s, effect);
    } finally {
      if (effect.signal === 'start' || effect.signal === 'stop')
        await s.dispatcher.drain(effect.shopId).catch((err: unknown) => {
          // The next arrival, closure or member change drains again; nothing is lost.
          log({ kind: 'job', outcome: 'error', durationMs: 0, effect: 'dispatch', error: String(err) });
        });
    }
  };
}
