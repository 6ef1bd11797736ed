/**
 * Pickups on the production path: live integrations with an EasyPost key (so `createCarriers` picks
 * the real adapter and its global `fetch`, which MSW answers), a recording jobs queue, and cron ticks
 * through the Worker's own `scheduled` handler at chosen times.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../src/index';
import { LocalOutboxEmail } from '../../src/integrations/email';
import { processJobBatch } from '../../src/queue/consumer';
import type { JobMessage } from '../../src/queue/messages';
import { preparePickup } from '../../src/pickups/request';
import { fixedClock } from '../../src/lib/clock';
import { createServices } from '../../src/services';
import { approvedPickupReturn, fakeBatch, recordingQueue } from './harness';
import { envWith } from '../helpers/env';

export const LIVE_EASYPOST_KEY = 'EZTK_live_pickups';
const address = {
  name: 'Sam',
  address1: '1 Main St',
  city: 'Springfield',
  provinceCode: 'IL',
  zip: '62701',
  countryCode: 'US',
};
const warehouse = {
  name: 'Returns',
  address1: '1 Dock Rd',
  city: 'Oakland',
  provinceCode: 'CA',
  zip: '94607',
  countryCode: 'US',
};

export function livePickups(t0: number) {
  const q = recordingQueue();
  const liveEnv = envWith({
    JOBS: q.queue,
    INTEGRATIONS: 'live',
    EASYPOST_API_KEY: LIVE_EASYPOST_KEY,
  });
  const services = (now: number) => createServices(liveEnv, { clock: fixedClock(now), email: new LocalOutboxEmail() });

  /** One cron tick at `at`; returns the jobs of `kind` it queued for these shops (other tests' rows may be due too). */
  const tick = async (at: number, kind: JobMessage['kind'], shopIds: string[]) => {
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '* * * * *' }), liveEnv, ctx);
    await waitOnExecutionContext(ctx);
    return q.sent
      .splice(0)
      .map((m) => m.body as JobMessage)
      .filter((m) => m.kind === kind && shopIds.includes(m.shopId));
  };

  /** Runs jobs through the `jobs` consumer with the clock at `at`. */
  const run = (jobs: unknown[], at: number) => processJobBatch(services(at), fakeBatch(jobs).batch);

  /**
   * A shop whose EasyPost pickup failed for good after its label was bought (no pickup rate under
   * the 1.00 cap), so at `t0` the label's refund was asked. Needs `fakeEasyPost(mock)` first.
   */
  const failedPickup = async (orderName: string) => {
    const settings = {
      pickupCarrier: 'easypost',
      pickupAllowedCarriers: ['UPS'],
      pickupMaxCostMinor: 100,
      returnAddress: warehouse,
    };
    const { shop, caseId } = await approvedPickupReturn(settings, t0, orderName);
    const { statement, pickupId } = preparePickup(services(t0), {
      shop,
      caseId,
      address,
      windowStart: t0 + 86_400_000,
      windowEnd: t0 + 90_000_000,
    });
    await env.DB.batch([statement]);
    await run([{ kind: 'schedule-pickup', shopId: shop.id, pickupId }], t0);
    const row = await env.DB.prepare('SELECT shipment_ref FROM pickups WHERE shop_id = ? AND id = ?')
      .bind(shop.id, pickupId)
      .first<{ shipment_ref: string }>();
    return { shopId: shop.id, caseId, pickupId, shipmentRef: row!.shipment_ref };
  };

  return { tick, run, failedPickup };
}
