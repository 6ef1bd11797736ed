import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createShop } from '../../test/helpers/factory';
import { fixedClock } from '../lib/clock';
import { createServices } from '../services';
import { onceEventStatements } from './case-event-rows';

async function approvedCase(shopId: string) {
  const id = `case_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
  await env.DB.prepare(
    `INSERT INTO cases (id, shop_id, number, type, status, source, currency, created_at, updated_at)
     VALUES (?, ?, 1001, 'return', 'approved', 'portal', 'USD', 1000, 1000)`,
  )
    .bind(id, shopId)
    .run();
  return id;
}

const caseRow = (id: string) =>
  env.DB.prepare('SELECT version, priority FROM cases WHERE id = ?').bind(id).first<Record<string, unknown>>();
const eventRows = (id: string) =>
  env.DB.prepare('SELECT id, type, actor, visible_to_shopper, data FROM case_events WHERE case_id = ?')
    .bind(id)
    .all()
    .then((r) => r.results);

describe('onceEventStatements: a job’s fact recorded once, versioned', () => {
  it('writes the event and bumps the version once, however often the batch runs', async () => {
    const s = createServices(env, { clock: fixedClock(2_000) });
    const shop = await createShop(env.DB, {}, 1_000);
    const caseId = await approvedCase(shop.id);
    const statements = () =>
      onceEventStatements(s, {
        shopId: shop.id,
        caseId,
        id: `cev_once_${caseId}`,
        type: 'PickupFailed',
        data: { n: 1 },
        at: 2_000,
        alsoSet: { sql: 'priority = ?', params: ['high'] },
      });
    await env.DB.batch(statements());
    await env.DB.batch(statements());
    expect(await caseRow(caseId)).toEqual({ version: 2, priority: 'high' });
    expect(await eventRows(caseId)).toEqual([
      { id: `cev_once_${caseId}`, type: 'PickupFailed', actor: 'system', visible_to_shopper: 0, data: '{"n":1}' },
    ]);
  });

  it('writes nothing, and leaves the version, while its guard does not hold', async () => {
    const s = createServices(env, { clock: fixedClock(2_000) });
    const shop = await createShop(env.DB, {}, 1_000);
    const caseId = await approvedCase(shop.id);
    const guarded = (holds: number) =>
      onceEventStatements(s, {
        shopId: shop.id,
        caseId,
        id: `cev_guarded_${caseId}`,
        type: 'PickupScheduled',
        data: {},
        at: 2_000,
        onlyIf: { sql: 'SELECT 1 WHERE ? = 1', params: [holds] },
      });
    await env.DB.batch(guarded(0));
    expect(await caseRow(caseId)).toMatchObject({ version: 1 });
    expect(await eventRows(caseId)).toEqual([]);
    await env.DB.batch(guarded(1));
    expect(await caseRow(caseId)).toMatchObject({ version: 2 });
    // Shopper-visible by the one rule (`shopperTimeline`), not by the caller.
    expect(await eventRows(caseId)).toEqual([
      expect.objectContaining({ type: 'PickupScheduled', visible_to_shopper: 1 }),
    ]);
  });

  it('an unversioned fact (a label refund) is written once and leaves the version alone', async () => {
    const s = createServices(env, { clock: fixedClock(2_000) });
    const shop = await createShop(env.DB, {}, 1_000);
    const caseId = await approvedCase(shop.id);
    const statements = onceEventStatements(s, {
      shopId: shop.id,
      caseId,
      id: `cev_label_${caseId}`,
      type: 'PickupLabelRefunded',
      data: {},
      at: 2_000,
      versioned: false,
    });
    expect(statements).toHaveLength(1);
    await env.DB.batch(statements);
    await env.DB.batch(statements);
    expect(await caseRow(caseId)).toMatchObject({ version: 1 });
    expect(await eventRows(caseId)).toHaveLength(1);
  });
});
