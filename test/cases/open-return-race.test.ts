/**
 * Two shoppers' requests (two tabs, a script) for the same units with different idempotency keys,
 * interleaved at the worst moment: both have read the order's returned quantities before either
 * writes. The check inside the write lets exactly one case in; the other gets the 422 an
 * ineligible item gets and writes nothing (no second pickup, label or credit).
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/cases/policy-schema';
import { openReturn } from '../../src/commands/open-return';
import { AppError } from '../../src/http/errors';
import { fixedClock } from '../../src/lib/clock';
import { createServices } from '../../src/services';
import { createOrder, createShop } from '../helpers/factory';

/** Both callers reach their write batch before either runs it: the read → write gap, held open. */
function barrier(parties: number) {
  let arrived = 0;
  let release!: () => void;
  const open = new Promise<void>((r) => (release = r));
  return async () => {
    arrived += 1;
    if (arrived === parties) release();
    await open;
  };
}

/** The D1 binding, except that the batch inserting a case waits at `gate` first. */
function pausingD1(d1: D1Database, gate: () => Promise<void>): D1Database {
  return new Proxy(d1, {
    get(target, prop) {
      if (prop === 'batch')
        return async (statements: D1PreparedStatement[]) => {
          const writesCase = statements.some((st) =>
            /insert into "cases"/i.test(String((st as unknown as { statement?: string }).statement ?? '')),
          );
          if (writesCase) await gate();
          return target.batch(statements);
        };
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

async function race(autoApprove: boolean) {
  const clock = fixedClock(Date.parse('2026-11-20T12:00:00Z'));
  const policy = {
    ...defaultPolicy(),
    autoApprove: autoApprove
      ? [
          {
            name: 'all',
            when: [{ field: 'reason' as const, op: 'in' as const, value: ['too_small'] }],
            then: 'approve' as const,
          },
        ]
      : [],
  };
  const shop = await createShop(env.DB, { policy, settings: { integrations: 'local' } }, clock.now());
  const { order, lines } = await createOrder(
    env.DB,
    shop.id,
    { deliveredDaysAgo: 3, lines: [{ quantity: 2 }] },
    clock.now(),
  );
  const gate = barrier(2);
  const services = () => createServices({ ...env, DB: pausingD1(env.DB, gate) }, { clock });
  const open = (key: string) =>
    openReturn(services(), {
      shopId: shop.id,
      orderId: order.id,
      items: [{ lineItemId: lines[0]!.id, quantity: 2, reason: 'too_small' }],
      resolution: 'store_credit',
      method: 'pickup',
      pickup: {
        address: { name: 'Sam', address1: '1 Main St' },
        window: { start: clock.now() + 86_400_000, end: clock.now() + 90_000_000 },
      },
      requestKey: key,
    });
  const results = await Promise.allSettled([open('tab-1'), open('tab-2')]);
  const count = (sql: string) => env.DB.prepare(sql).bind(order.id).first<number>('n');
  return {
    results,
    cases: await count('SELECT count(*) AS n FROM cases WHERE order_id = ?'),
    units: await count(
      'SELECT COALESCE(SUM(i.quantity), 0) AS n FROM case_items i JOIN cases c ON c.id = i.case_id WHERE c.order_id = ?',
    ),
    pickups: await count('SELECT count(*) AS n FROM pickups p JOIN cases c ON c.id = p.case_id WHERE c.order_id = ?'),
    jobs: await count("SELECT count(*) AS n FROM notifications WHERE order_id = ? AND kind = 'return_confirmation'"),
  };
}

describe('two requests for the same units, both read before either writes', () => {
  for (const autoApprove of [false, true]) {
    it(`open exactly one case; the other is refused with 422 quantity_exceeds and writes nothing (auto-approve ${autoApprove ? 'on' : 'off'})`, async () => {
      const r = await race(autoApprove);
      const won = r.results.filter((x) => x.status === 'fulfilled');
      const lost = r.results.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const err = lost[0]!.reason as AppError;
      expect(err).toBeInstanceOf(AppError);
      expect(err.status).toBe(422);
      expect((err.extra!.lines as Array<{ code: string }>)[0]!.code).toBe('quantity_exceeds');
      expect({ cases: r.cases, units: r.units, pickups: r.pickups, confirmations: r.jobs }).toEqual({
        cases: 1,
        units: 2,
        pickups: 1,
        confirmations: 1,
      });
      if (autoApprove) expect((won[0] as PromiseFulfilledResult<{ status: string }>).value.status).toBe('approved');
    });
  }
});
