import * as z from 'zod';

/** The `/api/admin/metrics` answer; also what the OpenAPI document publishes. */
const percentiles = z.object({ n: z.int(), p50Ms: z.number().nullable(), p90Ms: z.number().nullable() });
const targetFigures = z.object({ met: z.int(), breached: z.int(), open: z.int(), share: z.number().nullable() });
const slaGroup = z.object({
  group: z.string(),
  cases: z.int(),
  targets: z.record(z.string(), targetFigures),
  timeToFirstResponse: percentiles,
  timeToResolution: percentiles,
});
const scoreSummary = z.object({
  responses: z.int(),
  average: z.number().nullable(),
  score: z.number().nullable().describe('CSAT: % of 4–5 answers; NPS: promoters% − detractors%'),
});

export const dashboardMetricsSchema = z
  .object({
    range: z.object({
      from: z.number().describe('epoch ms, inclusive'),
      to: z.number().describe('epoch ms, exclusive'),
    }),
    returnRate: z.object({
      orders: z.int(),
      returnedOrders: z.int(),
      orderRate: z.number().nullable(),
      items: z.int(),
      returnedItems: z.int(),
      itemRate: z.number().nullable(),
    }),
    reasons: z.object({
      bySku: z.array(z.object({ sku: z.string(), reason: z.string(), quantity: z.int(), cases: z.int() })),
      byProduct: z.array(z.object({ product: z.string(), title: z.string(), quantity: z.int(), cases: z.int() })),
      totals: z.array(z.object({ reason: z.string(), quantity: z.int(), cases: z.int() })),
    }),
    money: z.array(
      z.object({
        currency: z.string(),
        refunded: z.int().describe('minor units'),
        storeCredit: z.int(),
        exchanged: z.int(),
        fees: z.int(),
        kept: z.int().describe('exchanged + storeCredit + fees'),
      }),
    ),
    sla: z.object({
      casesWithTargets: z.int(),
      breached: z.int(),
      compliance: z.number().nullable(),
      firstResponse: percentiles,
      resolution: percentiles,
      targets: z.record(z.string(), targetFigures).nullable().describe('per target: met, breached, open, share'),
      byPriority: z.array(slaGroup),
      byTier: z.array(slaGroup),
    }),
    satisfaction: z.object({
      csat: scoreSummary,
      nps: scoreSummary,
      trend: z.array(z.object({ from: z.number(), csat: scoreSummary, nps: scoreSummary })),
      bucketMs: z.int(),
    }),
    lateShipments: z.array(
      z.object({ carrier: z.string(), shipments: z.int(), late: z.int(), rate: z.number().nullable() }),
    ),
    // src/help/deflections.ts and help-events.ts: questions shown answers before a case, and what followed.
    deflection: z.object({
      questions: z.int().describe('questions shown answers first (contact form, return, help center)'),
      answeredWithoutCase: z.int().describe('of those, answered or left without going on to a case'),
      answered: z.int(),
      left: z.int(),
      continued: z.int(),
      rate: z.number().nullable().describe('answeredWithoutCase / questions'),
      byChannel: z.record(
        z.enum(['contact', 'return', 'help']),
        z.object({ questions: z.int(), answeredWithoutCase: z.int() }),
      ),
      articleViews: z.int(),
      helpful: z.int(),
      notHelpful: z.int(),
    }),
  })
  .meta({ id: 'DashboardMetrics' });

export const metricsQueryParams = z.object({
  from: z.string().optional().describe('YYYY-MM-DD (UTC) or epoch ms; default 30 days before `to`'),
  to: z.string().optional().describe('YYYY-MM-DD (whole day included) or epoch ms; default now'),
});
