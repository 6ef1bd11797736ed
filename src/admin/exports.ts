import { and, asc, eq, gt } from 'drizzle-orm';
import { cases, orders } from '../db/schema';
import type { Services } from '../services';
import { type CsvHeaderLanguage, csvHeader, csvLine } from './csv';
import type { DashboardMetrics } from './metrics/dashboard-metrics';

const CASE_COLUMNS = [
  'number',
  'id',
  'type',
  'status',
  'priority',
  'tier',
  'order',
  'resolution',
  'currency',
  'refund_minor',
  'credit_minor',
  'fee_minor',
  'breached',
  'breaches',
  'tags',
  'created_at',
  'first_responded_at',
  'resolved_at',
  'closed_at',
] as const;

/**
 * Every case of the shop as CSV, streamed a page at a time by primary key (keyset pagination), so
 * 100,000 cases never sit in memory at once.
 */
export function casesCsv(
  s: Services,
  shopId: string,
  lang: CsvHeaderLanguage = 'keys',
  pageSize = 1000,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = '';
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvHeader(CASE_COLUMNS, lang)));
      }
      const page = await s
        .db(shopId)
        .select({ c: cases, orderName: orders.name })
        .from(cases)
        .leftJoin(orders, and(eq(orders.id, cases.orderId), eq(orders.shopId, cases.shopId)))
        .where(and(eq(cases.shopId, shopId), gt(cases.id, after)))
        .orderBy(asc(cases.id))
        .limit(pageSize)
        .all();
      let chunk = '';
      for (const { c, orderName } of page) {
        const iso = (t: number | null) => (t ? new Date(t).toISOString() : '');
        chunk += csvLine([
          `R-${c.number}`,
          c.id,
          c.type,
          c.status,
          c.priority,
          c.tier,
          orderName ?? '',
          c.resolution ?? '',
          c.currency,
          c.refundMinor,
          c.creditMinor,
          c.feeMinor,
          c.breached ? 1 : 0,
          c.breaches.join(' '),
          c.tags.join(' '),
          iso(c.createdAt),
          iso(c.firstRespondedAt),
          iso(c.resolvedAt),
          iso(c.closedAt),
        ]);
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      if (page.length < pageSize) controller.close();
      else after = page[page.length - 1]!.c.id;
    },
  });
}

/** The dashboard as `section,key,value` rows: one CSV a spreadsheet can pivot. */
export function dashboardCsv(m: DashboardMetrics, lang: CsvHeaderLanguage = 'keys'): string {
  const rows: unknown[][] = [];
  const iso = (t: number) => new Date(t).toISOString();
  rows.push(['range', 'from', iso(m.range.from)], ['range', 'to', iso(m.range.to)]);
  for (const [k, v] of Object.entries(m.returnRate)) rows.push(['return_rate', k, v]);
  for (const r of m.reasons.totals) rows.push(['reason', r.reason, r.quantity]);
  for (const r of m.reasons.bySku) rows.push(['reason_by_sku', `${r.sku}|${r.reason}`, r.quantity]);
  for (const r of m.reasons.byProduct) rows.push(['reason_by_product', r.title || r.product, r.quantity]);
  for (const x of m.money)
    for (const k of ['refunded', 'storeCredit', 'exchanged', 'fees', 'kept'] as const)
      rows.push([`money_${x.currency}`, k, x[k]]);
  rows.push(
    ['sla', 'cases_with_targets', m.sla.casesWithTargets],
    ['sla', 'breached', m.sla.breached],
    ['sla', 'compliance', m.sla.compliance],
  );
  rows.push(
    ['sla', 'first_response_p50_ms', m.sla.firstResponse.p50Ms],
    ['sla', 'first_response_p90_ms', m.sla.firstResponse.p90Ms],
  );
  rows.push(['sla', 'resolution_p50_ms', m.sla.resolution.p50Ms], ['sla', 'resolution_p90_ms', m.sla.resolution.p90Ms]);
  rows.push(
    ['csat', 'score', m.satisfaction.csat.score],
    ['csat', 'responses', m.satisfaction.csat.responses],
    ['nps', 'score', m.satisfaction.nps.score],
    ['nps', 'responses', m.satisfaction.nps.responses],
  );
  for (const t of m.satisfaction.trend)
    rows.push(['trend', iso(t.from), `csat=${t.csat.score ?? ''};nps=${t.nps.score ?? ''}`]);
  for (const l of m.lateShipments) rows.push(['late_shipments', l.carrier, `${l.late}/${l.shipments}`]);
  return csvHeader(['section', 'key', 'value'], lang) + rows.map(csvLine).join('');
}
