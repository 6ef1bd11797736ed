/**
 * One way to create a pickup row: opening a return collected by pickup writes the same row
 * `preparePickup` does (one key per case, the carrier fixed from the shop's settings), and the
 * booking job books it.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/cases/policy-schema';
import { openReturn } from '../../src/commands/open-return';
import { LocalCarrier } from '../../src/integrations/carriers';
import { pickupKey, preparePickup } from '../../src/pickups/request';
import { processJobBatch } from '../../src/queue/consumer';
import { createOrder, createShop } from '../helpers/factory';
import { fakeBatch, jobServices } from './harness';

const T0 = Date.UTC(2037, 10, 23, 10);
const address = { name: 'Sam', address1: '1 Main St', city: 'Springfield', zip: '12345', countryCode: 'US' };
const window = { start: T0 + 86_400_000, end: T0 + 90_000_000 };
const autoApprove = [{ name: 'all', when: [], then: 'approve' as const }];

const pickupsOf = (caseId: string) =>
  env.DB.prepare('SELECT id, carrier, status, idempotency_key, address, window_start FROM pickups WHERE case_id = ?')
    .bind(caseId)
    .all<Record<string, unknown>>();

describe('creating a pickup row', () => {
  it('opening a return by pickup writes one requested row under pickup:<case> with the shop’s carrier, and the job books it', async () => {
    const settings = { integrations: 'local', pickupCarrier: 'easypost' };
    const shop = await createShop(env.DB, { settings, policy: { ...defaultPolicy(), autoApprove } }, T0);
    const { order, lines } = await createOrder(env.DB, shop.id, { deliveredDaysAgo: 3, lines: [{ quantity: 1 }] }, T0);
    const carrier = new LocalCarrier();
    const { s } = jobServices(T0, { carrier: () => carrier });
    const opened = await openReturn(s, {
      shopId: shop.id,
      orderId: order.id,
      resolution: 'refund',
      method: 'pickup',
      pickup: { address, window },
      items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_small' }],
    });
    expect(opened.status).toBe('approved');
    const rows = (await pickupsOf(opened.caseId)).results;
    expect(rows).toEqual([
      {
        id: expect.stringMatching(/^pku_/),
        carrier: 'easypost',
        status: 'requested',
        idempotency_key: pickupKey(opened.caseId),
        address: JSON.stringify(address),
        window_start: window.start,
      },
    ]);
    // The same function again for the same case adds nothing: one pickup per case.
    const again = preparePickup(s, { shop, caseId: opened.caseId, address, windowStart: 0, windowEnd: 1 });
    await env.DB.batch([again.statement]);
    expect((await pickupsOf(opened.caseId)).results).toHaveLength(1);

    const pickupId = rows[0]!.id as string;
    expect(opened.effects).toContainEqual({
      kind: 'job',
      message: { kind: 'schedule-pickup', shopId: shop.id, pickupId },
    });
    await processJobBatch(s, fakeBatch([{ kind: 'schedule-pickup', shopId: shop.id, pickupId }]).batch);
    expect(carrier.requests).toHaveLength(1);
    expect((await pickupsOf(opened.caseId)).results[0]).toMatchObject({ status: 'scheduled' });
  });

  it('the carrier is the shop’s setting at creation, manual when none is set', async () => {
    const shop = await createShop(env.DB, { settings: { integrations: 'local' } }, T0);
    const { s } = jobServices(T0);
    const { statement, pickupId } = preparePickup(s, {
      shop,
      caseId: 'case_unset_carrier',
      address,
      windowStart: window.start,
      windowEnd: window.end,
    });
    await env.DB.batch([statement]);
    expect(
      await env.DB.prepare('SELECT carrier, idempotency_key FROM pickups WHERE id = ?').bind(pickupId).first(),
    ).toEqual({
      carrier: 'manual',
      idempotency_key: 'pickup:case_unset_carrier',
    });
  });
});
