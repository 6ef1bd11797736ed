/**
 * About 90 days of history for the demo shop, as plain data for a seeder to insert: orders with
 * lines, return/exchange cases with items and reasons, refunds and store credit, and survey
 * answers, with one SKU whose defect rate jumped two weeks before `now` (the early warning and the
 * review have something real to show). Deterministic: the same seed gives the same rows and ids
 * (so inserting again is a no-op); `now` only places them in time. Its own customers and order
 * numbers from #5001, clear of the demo orders #1001…#1010.
 */
import { DAY_MS } from '../lib/durations';
import { type CatalogueItem, demoHistoryCatalogue, type ReturnReason, returnRates } from './demo-catalogue';
import { mulberry32, pick, poisson, type Random } from './random';

const DAY = DAY_MS;
const HOUR = 3_600_000;

export interface DemoHistoryOptions {
  now: number;
  seed?: number;
  days?: number;
  ordersPerDay?: number;
  spike?: { sku: string; defectiveRate: number; daysAgo: number };
}

export interface HistoryLine {
  id: string;
  sku: string;
  productId: string;
  title: string;
  quantity: number;
  priceMinor: number;
}

export interface HistoryOrder {
  id: string;
  name: string;
  email: string;
  currency: string;
  processedAt: number;
  lines: HistoryLine[];
}

export interface HistoryCase {
  id: string;
  orderId: string;
  type: 'return' | 'exchange';
  status: 'requested' | 'resolved';
  resolution: 'refund' | 'store_credit' | 'exchange' | null;
  createdAt: number;
  resolvedAt: number | null;
  items: Array<{
    id: string;
    lineId: string;
    sku: string;
    reason: ReturnReason;
    quantity: number;
    unitPriceMinor: number;
  }>;
}

export interface HistoryRefund {
  id: string;
  caseId: string;
  kind: 'refund' | 'store_credit';
  amountMinor: number;
  createdAt: number;
}

export interface HistorySurvey {
  id: string;
  caseId: string;
  kind: 'csat' | 'ces';
  score: number;
  comment: string | null;
  answeredAt: number;
}

export interface DemoHistory {
  orders: HistoryOrder[];
  cases: HistoryCase[];
  refunds: HistoryRefund[];
  surveys: HistorySurvey[];
  spike: { sku: string; from: number };
}

export const defaultSpike = { sku: 'TEE-NVY-M', defectiveRate: 0.2, daysAgo: 14 };
const SIZE_REASONS: ReturnReason[] = ['too_small', 'too_large'];
const lowComments: Partial<Record<ReturnReason, string[]>> = {
  defective: [
    'The seams came apart after one wash.',
    'Stopped working after two days.',
    'Stitching unravelled at the hem.',
  ],
  damaged: ['Arrived cracked, the box was crushed.', 'One piece was broken on arrival.'],
  not_as_described: ['The colour is nothing like the photos.'],
};

function weightedPick(random: Random, items: CatalogueItem[], total: number): CatalogueItem {
  let x = random() * total;
  for (const item of items) {
    x -= item.popularity;
    if (x < 0) return item;
  }
  return items[items.length - 1]!;
}

function returnReason(random: Random, item: CatalogueItem, defectiveRate: number | null): ReturnReason | null {
  const rates = { ...returnRates[item.kind], ...(defectiveRate === null ? {} : { defective: defectiveRate }) };
  let x = random();
  for (const [reason, rate] of Object.entries(rates) as Array<[ReturnReason, number]>) {
    x -= rate;
    if (x < 0) return reason;
  }
  return null;
}

function resolutionFor(random: Random, reason: ReturnReason): NonNullable<HistoryCase['resolution']> {
  if (SIZE_REASONS.includes(reason) && random() < 0.6) return 'exchange';
  return random() < 0.75 ? 'refund' : 'store_credit';
}

function csatFor(random: Random, reason: ReturnReason): { score: number; comment: string | null } {
  const bad = reason === 'defective' || reason === 'damaged' || reason === 'not_as_described';
  const score = bad ? 1 + Math.floor(random() * 3) : 3 + Math.floor(random() * 3);
  return { score, comment: score <= 2 ? pick(random, lowComments[reason] ?? ['Disappointed.']) : null };
}

/**
 * A demo row's id in the shape of real ones (`<prefix>_` and 26 of [0-9A-Z], which the admin API
 * checks), fixed by the seed and the row's number so re-seeding finds the same rows.
 */
function historyId(prefix: string, key: string, n: number, tag = ''): string {
  const head = `H${key.toUpperCase()}${tag}`;
  return `${prefix}_${head}${String(n).padStart(26 - head.length, '0')}`;
}

interface Builder {
  random: Random;
  key: string;
  now: number;
  out: DemoHistory;
}

function addCase(b: Builder, order: HistoryOrder, line: HistoryLine, reason: ReturnReason): void {
  const { random, key, now, out } = b;
  const createdAt = order.processedAt + (2 + Math.floor(random() * 5)) * DAY + Math.floor(random() * 8) * HOUR;
  if (createdAt >= now) return;
  const n = out.cases.length + 1;
  const id = historyId('case', key, n);
  const resolvedAt = createdAt + 4 * DAY < now ? createdAt + 4 * DAY : null;
  const resolution = resolutionFor(random, reason);
  const item = {
    id: historyId('item', key, n),
    lineId: line.id,
    sku: line.sku,
    reason,
    quantity: 1,
    unitPriceMinor: line.priceMinor,
  };
  out.cases.push({
    id,
    orderId: order.id,
    type: resolution === 'exchange' ? 'exchange' : 'return',
    status: resolvedAt === null ? 'requested' : 'resolved',
    resolution: resolvedAt === null ? null : resolution,
    createdAt,
    resolvedAt,
    items: [item],
  });
  if (resolvedAt === null) return;
  if (resolution !== 'exchange') {
    out.refunds.push({
      id: historyId('ref', key, n),
      caseId: id,
      kind: resolution,
      amountMinor: line.priceMinor,
      createdAt: resolvedAt,
    });
  }
  if (random() < 0.45 && resolvedAt + DAY < now) {
    const answer = csatFor(random, reason);
    out.surveys.push({
      id: historyId('srv', key, n),
      caseId: id,
      kind: 'csat',
      ...answer,
      answeredAt: resolvedAt + DAY,
    });
  }
  if (random() < 0.2 && resolvedAt + DAY < now) {
    const score = 1 + Math.floor(random() * (reason === 'defective' ? 7 : 4));
    out.surveys.push({
      id: historyId('srv', key, n, 'C'),
      caseId: id,
      kind: 'ces',
      score,
      comment: null,
      answeredAt: resolvedAt + DAY,
    });
  }
}

export function generateDemoHistory(options: DemoHistoryOptions): DemoHistory {
  const { now, seed = 19, days = 90, ordersPerDay = 50, spike = defaultSpike } = options;
  const random = mulberry32(seed);
  const key = seed.toString(36);
  const firstDay = Math.floor(now / DAY) - days;
  const spikeFrom = now - spike.daysAgo * DAY;
  const out: DemoHistory = {
    orders: [],
    cases: [],
    refunds: [],
    surveys: [],
    spike: { sku: spike.sku, from: spikeFrom },
  };
  const b: Builder = { random, key, now, out };
  const total = demoHistoryCatalogue.reduce((a, i) => a + i.popularity, 0);
  for (let d = 0; d < days; d++) {
    const count = poisson(random, ordersPerDay);
    for (let k = 0; k < count; k++) {
      const processedAt = (firstDay + d) * DAY + 7 * HOUR + Math.floor(random() * 15 * HOUR);
      if (processedAt >= now) continue;
      const n = out.orders.length + 1;
      const order: HistoryOrder = {
        id: historyId('ord', key, n),
        name: `#${5000 + n}`,
        email: `customer${1 + Math.floor(random() * 900)}@example.net`,
        currency: 'EUR',
        processedAt,
        lines: [],
      };
      const lineCount = random() < 0.7 ? 1 : 2;
      for (let j = 0; j < lineCount; j++) {
        const item = weightedPick(random, demoHistoryCatalogue, total);
        const { sku, productId, title, priceMinor } = item;
        order.lines.push({
          id: historyId('line', key, n, `L${String(j + 1).padStart(2, '0')}`),
          sku,
          productId,
          title,
          quantity: 1,
          priceMinor,
        });
        const spiking = item.sku === spike.sku && processedAt >= spikeFrom;
        const reason = returnReason(random, item, spiking ? spike.defectiveRate : null);
        if (reason) addCase(b, order, order.lines[j]!, reason);
      }
      out.orders.push(order);
    }
  }
  return out;
}
