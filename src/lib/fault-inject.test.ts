import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { faultRate, faultyD1, InjectedFault, withFaultInjection } from './fault-inject';

const count = async () =>
  (await env.DB.prepare('SELECT count(*) AS n FROM fault_probe').first<{ n: number }>())?.n ?? 0;

beforeAll(async () => {
  await env.DB.prepare('CREATE TABLE IF NOT EXISTS fault_probe (id TEXT PRIMARY KEY)').run();
});

function message(id: string, attempts: number) {
  const seen = { acked: 0, retried: 0 };
  const msg = {
    id,
    timestamp: new Date(),
    body: { id },
    attempts,
    ack: () => void seen.acked++,
    retry: () => void seen.retried++,
  } as unknown as Message<unknown>;
  return { msg, seen };
}

describe('consumer fault injection', () => {
  it('is off unless INTEGRATIONS=local and FAULT_INJECT_RATE are both set', () => {
    expect(faultRate({ ...env, INTEGRATIONS: 'live', FAULT_INJECT_RATE: '0.2' } as never)).toBe(0);
    expect(faultRate({ ...env, INTEGRATIONS: 'local' } as never)).toBe(0);
    expect(faultRate({ ...env, INTEGRATIONS: 'local', FAULT_INJECT_RATE: '0.2' } as never)).toBe(0.2);
    expect(faultRate({ ...env, INTEGRATIONS: 'local', FAULT_INJECT_RATE: 'nonsense' } as never)).toBe(0);
  });

  it('a fault "before" leaves nothing written; a fault "after" wrote and still throws', async () => {
    let faults = 0;
    const before = faultyD1(env.DB, { failAt: 0, when: 'before' }, () => faults++);
    await expect(before.prepare('INSERT INTO fault_probe (id) VALUES (?)').bind('a').run()).rejects.toBeInstanceOf(
      InjectedFault,
    );
    expect(await count()).toBe(0);

    const after = faultyD1(env.DB, { failAt: 1, when: 'after' }, () => faults++);
    await after.prepare('INSERT INTO fault_probe (id) VALUES (?)').bind('b').run(); // op 0 passes
    await expect(after.batch([after.prepare('INSERT INTO fault_probe (id) VALUES (?)').bind('c')])).rejects.toThrow(
      /it ran/,
    );
    expect(await count()).toBe(2);
    expect(faults).toBe(2);
  });

  it('splits the batch per message and only faults early attempts drawn under the rate', async () => {
    const local = { ...env, INTEGRATIONS: 'local', FAULT_INJECT_RATE: '1' } as never;
    const early = message('m1', 1);
    const late = message('m2', 4);
    const batch = {
      queue: 'aftercare-events',
      messages: [early.msg, late.msg],
      ackAll() {},
      retryAll() {},
    } as unknown as MessageBatch<unknown>;
    const outcomes: string[] = [];
    await withFaultInjection(batch, local, async (b, e) => {
      expect(b.messages).toHaveLength(1);
      try {
        await e.DB.prepare('SELECT 1').first();
        await e.DB.prepare('SELECT 1').first();
        await e.DB.prepare('SELECT 1').first();
        outcomes.push(`${b.messages[0]!.id}:ok`);
      } catch (err) {
        outcomes.push(`${b.messages[0]!.id}:${(err as Error).name}`);
      }
    });
    expect(outcomes).toEqual(['m1:InjectedFault', 'm2:ok']);
  });

  it('hands the whole batch through untouched when injection is off', async () => {
    const a = message('x', 1);
    const batch = {
      queue: 'q',
      messages: [a.msg, message('y', 1).msg],
      ackAll() {},
      retryAll() {},
    } as unknown as MessageBatch<unknown>;
    let seen: MessageBatch<unknown> | undefined;
    await withFaultInjection(batch, env, async (b) => void (seen = b));
    expect(seen).toBe(batch);
  });
});
