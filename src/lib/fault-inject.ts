/**
 * Test-only consumer fault injection, for the fault tests (test/fault/): with `INTEGRATIONS=local`
 * AND `FAULT_INJECT_RATE` set (0 < rate ≤ 1), each queue message's attempt fails with that
 * probability, by making one of the D1 calls it makes throw — either before the call runs (a
 * failed write) or after it ran (a write that happened but whose answer was lost). The consumer
 * then sees an ordinary error, retries, and must still apply the event exactly once.
 * Only the first `FAULT_INJECT_MAX_ATTEMPT` (default 3) attempts fail: transient faults, so an
 * event does not exhaust its retries by chance and the test measures idempotency, not luck.
 * Never active in production: `INTEGRATIONS` is `live` there, and the var is not set.
 */
import type { Env } from '../env';
import { log } from './log';

export interface FaultPlan {
  /** Index of the D1 operation (prepare().run/all/first/raw or batch) that throws. */
  failAt: number;
  /** `before`: the call never reaches D1; `after`: it ran, then the caller is told it failed. */
  when: 'before' | 'after';
}

export function faultRate(env: Env): number {
  const vars = env as unknown as Record<string, unknown>;
  if (env.INTEGRATIONS !== 'local') return 0;
  const rate = Number(vars.FAULT_INJECT_RATE ?? 0);
  return Number.isFinite(rate) && rate > 0 ? Math.min(rate, 1) : 0;
}

function maxAttempt(env: Env): number {
  const n = Number((env as unknown as Record<string, unknown>).FAULT_INJECT_MAX_ATTEMPT ?? 3);
  return Number.isFinite(n) && n >= 1 ? n : 3;
}

export class InjectedFault extends Error {
  override name = 'InjectedFault';
}

/** A D1Database whose `plan.failAt`-th operation throws (before or after running). */
export function faultyD1(d1: D1Database, plan: FaultPlan, onFault: () => void): D1Database {
  let ops = 0;
  const trip = async <T>(run: () => Promise<T>): Promise<T> => {
    const index = ops++;
    if (index !== plan.failAt) return run();
    onFault();
    if (plan.when === 'before') throw new InjectedFault(`injected fault before D1 operation ${index}`);
    await run();
    throw new InjectedFault(`injected fault after D1 operation ${index} (it ran)`);
  };
  const wrapStatement = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop, receiver) {
        if (prop === 'bind') return (...args: unknown[]) => wrapStatement(target.bind(...args));
        if (prop === 'run' || prop === 'all' || prop === 'first' || prop === 'raw') {
          const fn = Reflect.get(target, prop, receiver) as (...a: unknown[]) => Promise<unknown>;
          return (...a: unknown[]) => trip(() => fn.apply(target, a));
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    real.set(proxy, stmt);
    return proxy;
  };
  return new Proxy(d1, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql));
      if (prop === 'batch') {
        // The statements inside a batch are ours (wrapped); unwrap to the real ones for D1.
        return (stmts: D1PreparedStatement[]) => trip(() => target.batch(stmts.map(unwrap)));
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const real = new WeakMap<object, D1PreparedStatement>();
function unwrap(stmt: D1PreparedStatement): D1PreparedStatement {
  return real.get(stmt) ?? stmt;
}

/**
 * Runs a queue handler one message at a time; a message drawn for a fault gets an env whose `DB`
 * fails one of its operations. Without an active rate, the handler runs on the batch untouched.
 */
export async function withFaultInjection(
  batch: MessageBatch<unknown>,
  env: Env,
  run: (batch: MessageBatch<unknown>, env: Env) => Promise<void>,
  random: () => number = Math.random,
): Promise<void> {
  const rate = faultRate(env);
  if (rate === 0) return run(batch, env);
  const limit = maxAttempt(env);
  for (const message of batch.messages) {
    const single: MessageBatch<unknown> = {
      queue: batch.queue,
      messages: [message],
      ackAll: () => message.ack(),
      retryAll: (options?: QueueRetryOptions) => message.retry(options),
    } as unknown as MessageBatch<unknown>;
    if (message.attempts > limit || random() >= rate) {
      await run(single, env);
      continue;
    }
    const plan: FaultPlan = { failAt: Math.floor(random() * 3), when: random() < 0.5 ? 'before' : 'after' };
    const faulty = {
      ...env,
      DB: faultyD1(env.DB, plan, () =>
        log({
          kind: 'job',
          outcome: 'error',
          durationMs: 0,
          queue: batch.queue,
          messageId: message.id,
          error: `fault injected (${plan.when} op ${plan.failAt})`,
        }),
      ),
    };
    await run(single, faulty);
  }
}
