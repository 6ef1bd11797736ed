/**
 * A small data set whose dashboard answers are worked out by hand (see metrics.test.ts).
 * Range: [T0, T0 + 30 d); now = T0 + 29 d. Rows outside the range or in another shop must not count.
 */
import { createDb } from '../../src/db/client';
import * as s from '../../src/db/schema';
import { defaultPolicy } from '../../src/cases/policy-schema';
import type { CaseStatus, CaseType } from '../../src/cases/vocabulary';

export const T0 = Date.UTC(2026, 9, 1); // 2026-10-01
export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const NOW = T0 + 29 * DAY;
export const RANGE = { from: T0, to: T0 + 30 * DAY };

/** D1 allows 100 bound values per statement: one row per insert. */
async function each<T extends Parameters<ReturnType<typeof createDb>['insert']>[0]>(
  db: ReturnType<typeof createDb>,
  table: T,
  rows: Array<T['$inferInsert']>,
) {
  for (const row of rows) await db.insert(table).values(row);
}

export async function seedMetricsShop(d1: D1Database, shopId: string, domain: string) {
  const db = createDb(d1);
  const at = (d: number) => T0 + d * DAY;
  await db.insert(s.shops).values({
    id: shopId,
    domain,
    name: domain,
    policy: defaultPolicy() as unknown as Record<string, unknown>,
    createdAt: T0,
    updatedAt: T0,
  });
  const order = (id: string, placed: number) => ({
    id: `${shopId}_${id}`,
    shopId,
    platformId: `gid://shopify/Order/${shopId}${id}`,
    name: `#${id}`,
    currency: 'USD',
    processedAt: placed,
    createdAt: placed,
    updatedAt: placed,
  });
  await each(db, s.orders, [
    order('O1', at(0.5)),
    order('O2', at(1)),
    order('O3', at(2)),
    order('O4', at(3)),
    order('O5', at(-10)),
  ]);
  const line = (id: string, o: string, sku: string, product: string, title: string, qty: number, price: number) => ({
    id: `${shopId}_${id}`,
    shopId,
    orderId: `${shopId}_${o}`,
    platformId: `${shopId}${id}`,
    productId: product,
    sku,
    title,
    quantity: qty,
    priceMinor: price,
    createdAt: T0,
    updatedAt: T0,
  });
  await each(db, s.orderLines, [
    line('L1', 'O1', 'SKU-A', 'P1', 'Shirt', 2, 1000),
    line('L2', 'O1', 'SKU-B', 'P2', 'Shoes', 1, 3000),
    line('L3', 'O2', 'SKU-A', 'P1', 'Shirt', 1, 1000),
    line('L4', 'O3', 'SKU-C', 'P3', 'Socks', 3, 500),
    line('L5', 'O4', 'SKU-B', 'P2', 'Shoes', 1, 3000),
    line('L6', 'O5', 'SKU-A', 'P1', 'Shirt', 5, 1000),
  ]);
  let n = 1000;
  const kase = (
    id: string,
    o: string,
    type: CaseType,
    status: CaseStatus,
    created: number,
    extra: Partial<typeof s.cases.$inferInsert> = {},
  ) => ({
    id: `${shopId}_${id}`,
    shopId,
    number: ++n,
    orderId: `${shopId}_${o}`,
    type,
    status,
    source: 'portal' as const,
    currency: 'USD',
    createdAt: created,
    updatedAt: created,
    firstResponseDueAt: created + 8 * HOUR,
    ...extra,
  });
  const c1 = at(1),
    c2 = at(2),
    c3 = at(3),
    c4 = at(4),
    c5 = at(5),
    c6 = at(-2);
  await each(db, s.cases, [
    kase('C1', 'O1', 'return', 'closed', c1, {
      resolution: 'refund',
      feeMinor: 200,
      firstRespondedAt: c1 + 1 * HOUR,
      resolvedAt: c1 + 10 * HOUR,
    }),
    kase('C2', 'O3', 'exchange', 'resolved', c2, {
      resolution: 'exchange',
      firstRespondedAt: c2 + 2 * HOUR,
      resolvedAt: c2 + 20 * HOUR,
      breached: true,
      breaches: ['resolution'],
    }),
    kase('C3', 'O2', 'return', 'rejected', c3, { firstRespondedAt: c3 + 3 * HOUR }),
    kase('C4', 'O4', 'complaint', 'requested', c4, { breached: true, breaches: ['first_response'] }),
    kase('C5', 'O5', 'return', 'closed', c5, {
      resolution: 'store_credit',
      firstRespondedAt: c5 + 4 * HOUR,
      resolvedAt: c5 + 30 * HOUR,
    }),
    kase('C6', 'O5', 'return', 'closed', c6, {
      resolution: 'refund',
      feeMinor: 700,
      firstRespondedAt: c6 + HOUR,
      resolvedAt: c6 + 2 * HOUR,
    }),
  ]);
  const item = (id: string, c: string, l: string, sku: string, qty: number, reason: string, unit: number) => ({
    id: `${shopId}_${id}`,
    shopId,
    caseId: `${shopId}_${c}`,
    orderLineId: `${shopId}_${l}`,
    sku,
    quantity: qty,
    reason,
    unitPriceMinor: unit,
    createdAt: T0,
  });
  await each(db, s.caseItems, [
    item('I1', 'C1', 'L1', 'SKU-A', 2, 'too_small', 1000),
    item('I2', 'C2', 'L4', 'SKU-C', 1, 'too_large', 500),
    item('I3', 'C3', 'L3', 'SKU-A', 1, 'too_small', 1000),
    item('I5', 'C5', 'L6', 'SKU-A', 1, 'damaged', 1000),
    item('I6', 'C6', 'L6', 'SKU-A', 1, 'wrong_item', 1000),
  ]);
  const refund = (
    id: string,
    c: string,
    kind: 'refund' | 'store_credit',
    amount: number,
    status: 'succeeded' | 'failed',
    created: number,
  ) => ({
    id: `${shopId}_${id}`,
    shopId,
    caseId: `${shopId}_${c}`,
    provider: 'local' as const,
    kind,
    idempotencyKey: `${shopId}${id}`,
    amountMinor: amount,
    currency: 'USD',
    status,
    createdAt: created,
    updatedAt: created,
  });
  await each(db, s.refunds, [
    refund('R1', 'C1', 'refund', 1800, 'succeeded', c1 + 10 * HOUR),
    refund('R2', 'C5', 'store_credit', 1100, 'succeeded', c5 + 30 * HOUR),
    refund('R3', 'C1', 'refund', 500, 'failed', c1 + 9 * HOUR),
    refund('R4', 'C6', 'refund', 999, 'succeeded', c6 + 2 * HOUR),
  ]);
  const survey = (id: string, kind: 'csat' | 'nps', score: number | null, answered: number | null) => ({
    id: `${shopId}_${id}`,
    shopId,
    subject: `test:${id}`,
    kind,
    status: answered ? ('answered' as const) : ('sent' as const),
    dueAt: T0,
    score,
    answeredAt: answered,
    createdAt: T0,
    updatedAt: T0,
  });
  await each(db, s.surveys, [
    survey('S1', 'csat', 5, at(1)),
    survey('S2', 'nps', 10, at(2)),
    survey('S3', 'csat', 4, at(15)),
    survey('S4', 'csat', 2, at(16)),
    survey('S5', 'nps', 9, at(15)),
    survey('S6', 'nps', 7, at(15.5)),
    survey('S7', 'nps', 3, at(16)),
    survey('S8', 'csat', 1, at(-1)),
    survey('S9', 'csat', null, null),
  ]);
  const ship = (id: string, carrier: string, eta: number, delivered: number | null) => ({
    id: `${shopId}_${id}`,
    shopId,
    orderId: `${shopId}_O1`,
    platformId: `${shopId}${id}`,
    carrier,
    status: delivered ? 'delivered' : 'in_transit',
    estimatedDeliveryAt: eta,
    deliveredAt: delivered,
    createdAt: T0,
    updatedAt: T0,
  });
  await each(db, s.shipments, [
    ship('SH1', 'UPS', at(1), at(1)),
    ship('SH2', 'UPS', at(2), at(3)),
    ship('SH3', 'UPS', at(10), null),
    ship('SH4', 'FedEx', at(5), at(4)),
    ship('SH5', 'FedEx', at(29.5), null),
    ship('SH6', 'DHL', at(-3), null),
  ]);
}
