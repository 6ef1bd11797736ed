/**
 * The bench scenarios: what each one sends. A scenario first sends one probe request; an app 404
 * ("No route for …") means the route has not landed, and the scenario is reported as skipped, never
 * measured against something else.
 */
import type { RequestSpec } from 'autocannon';
import { devVar } from '../scripts/dev-vars';
import { BENCH_LOOKUP_ORDERS, BENCH_LOOKUP_SHOP } from './seed';
import { appDir } from './server';
import { DEMO_SHOP, requestPool, shopifyOrderCreate, stripeChargeRefunded, type SignedRequest } from './payloads';

export const ADMIN_HEADERS = {
  /** The token `npm run dev` generated into the served checkout's `.dev.vars`. */
  get authorization() {
    return `Bearer ${devVar(appDir(), 'ADMIN_TOKEN')}`;
  },
  'x-shop-domain': DEMO_SHOP,
  accept: 'application/json',
};

export interface Scenario {
  name: string;
  what: string;
  /** A request that proves the route exists (sent once, before the load). */
  probe: () => SignedRequest | RequestSpec;
  /** The autocannon request list (one entry with `setupRequest` for per-request variation). */
  requests: (poolSize: number) => RequestSpec[];
  /** `ack`: measured on a server without the events consumer (bench/run.ts, phase 2). */
  phase?: 'ack';
  /** The row this one's ratios are against; the first bare route when absent. */
  baseline?: string;
}

const DAY = 86_400_000;

/** Client addresses for the lookup scenario: 10.x.y.z spread so the per-IP limiter sees many shoppers. */
function clientIp(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

function dynamic(next: () => SignedRequest): RequestSpec[] {
  return [
    {
      method: 'POST',
      setupRequest: (req) => {
        const r = next();
        return { ...req, method: r.method, path: r.path, headers: r.headers, body: r.body };
      },
    },
  ];
}

export function scenarios(): Scenario[] {
  const to = Date.now();
  const from = to - 90 * DAY;
  const metricsPath = `/api/admin/metrics?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
  let fresh = 0;
  const freshMetricsPath = () => `/api/admin/metrics?from=${from - ++fresh}&to=${to}`;
  let lookupN = 0;
  // Each request its own seeded order and email (bench/seed.ts#lookupOrdersSql) and address: the
  // limits of 10 a minute per order, per email and per address are not what is measured.
  const lookup = (): RequestSpec => {
    const n = (lookupN++ % BENCH_LOOKUP_ORDERS) + 1;
    const ip = clientIp(n);
    return {
      method: 'POST',
      path: `/api/portal/${BENCH_LOOKUP_SHOP}/lookup`,
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip, 'x-forwarded-for': ip },
      body: JSON.stringify({ order: `#L${n}`, email: `lookup-${n}@example.com` }),
    };
  };
  let helpN = 0;
  const helpQueries = [
    ['en', 'refund'],
    ['zh-CN', '退货'],
    ['de', 'Rücksendung'],
    ['en', 'parcel label'],
    ['zh-CN', '运费'],
  ] as const;
  const helpSearch = (): RequestSpec => {
    const [locale, q] = helpQueries[helpN % helpQueries.length]!;
    const ip = clientIp(1_000_000 + helpN++);
    return {
      method: 'GET',
      path: `/api/portal/${DEMO_SHOP}/help?q=${encodeURIComponent(q)}&locale=${locale}`,
      headers: { 'cf-connecting-ip': ip, 'x-forwarded-for': ip },
    };
  };
  let mailN = 0;
  const inboundMail = (): RequestSpec => {
    const n = mailN++;
    // A new sender per message: the hourly limit of new cases per sender is not what is measured.
    const from = `bench-${n}@example.net`;
    return {
      method: 'POST',
      path: `/cdn-cgi/handler/email?from=${encodeURIComponent(from)}&to=support%40demo-shop.example`,
      headers: { 'content-type': 'message/rfc822' },
      body: [
        `From: Bench Shopper <${from}>`,
        'To: support@demo-shop.example',
        `Subject: Question ${n} about my order`,
        `Message-ID: <bench.${n}.${Date.now()}@example.net>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Hello, where is my order? It has not arrived yet.',
        '',
      ].join('\r\n'),
    };
  };
  return [
    {
      name: 'bare route',
      what: 'GET /livez: no I/O, the floor every other row is compared to',
      probe: () => ({ method: 'GET', path: '/livez' }),
      requests: () => [{ method: 'GET', path: '/livez' }],
    },
    {
      name: 'help search (10k articles)',
      what: 'GET /api/portal/:shop/help: FTS5 over 10,000 articles (en, zh-CN, de queries in turn), a new client IP per request',
      probe: helpSearch,
      requests: () => [{ method: 'GET', setupRequest: (req) => ({ ...req, ...helpSearch() }) }],
    },
    {
      name: 'shopper lookup',
      what: 'POST /api/portal/:shop/lookup: a new seeded order, email and client IP per request (#L<n>, lookup-<n>@example.com, in a second shop)',
      probe: lookup,
      requests: () => [{ method: 'POST', setupRequest: (req) => ({ ...req, ...lookup() }) }],
    },
    {
      name: 'shopper page',
      what: 'GET /portal/:shop, the self-service page (HTML)',
      probe: () => ({ method: 'GET', path: `/portal/${DEMO_SHOP}` }),
      requests: () => [{ method: 'GET', path: `/portal/${DEMO_SHOP}` }],
    },
    {
      name: 'admin queue (100k cases)',
      what: 'GET /api/admin/cases: first page sorted by next SLA due time',
      probe: () => ({ method: 'GET', path: '/api/admin/cases', headers: ADMIN_HEADERS }),
      requests: () => [{ method: 'GET', path: '/api/admin/cases', headers: ADMIN_HEADERS }],
    },
    {
      name: 'admin queue, breached',
      what: 'GET /api/admin/cases?breached=true over 100k cases',
      probe: () => ({ method: 'GET', path: '/api/admin/cases?breached=true', headers: ADMIN_HEADERS }),
      requests: () => [{ method: 'GET', path: '/api/admin/cases?breached=true', headers: ADMIN_HEADERS }],
    },
    {
      name: 'dashboard (100k cases)',
      what: 'GET /api/admin/metrics for the last 90 days',
      probe: () => ({ method: 'GET', path: metricsPath, headers: ADMIN_HEADERS }),
      requests: () => [{ method: 'GET', path: metricsPath, headers: ADMIN_HEADERS }],
    },
    {
      // The recompute path: a range the per-isolate cache has not seen (it shifts by a millisecond
      // per request, so its edges cut days like an ISO-time range does), as after any case write.
      name: 'dashboard, uncached (100k cases)',
      what: 'GET /api/admin/metrics, 90 days, a new range per request: every figure recomputed (per-day rollups + live partial days)',
      probe: () => ({ method: 'GET', path: freshMetricsPath(), headers: ADMIN_HEADERS }),
      requests: () => [
        { method: 'GET', setupRequest: (req) => ({ ...req, path: freshMetricsPath(), headers: ADMIN_HEADERS }) },
      ],
    },
    {
      // wrangler answers 200 even when the handler refuses a message; the case count is the check.
      name: 'inbound mail → case',
      what: "POST /cdn-cgi/handler/email (wrangler dev's email() delivery): a new sender and Message-ID per message, each opening an inquiry",
      probe: () => inboundMail(),
      requests: () => [{ method: 'POST', setupRequest: (req) => ({ ...req, ...inboundMail() }) }],
    },
    {
      name: 'Shopify webhook ack',
      phase: 'ack',
      what: 'POST /webhooks/shopify orders/create, signed, a new delivery id (and order) per request',
      probe: () => shopifyOrderCreate(9_999_999),
      requests: (pool) => dynamic(requestPool(pool, (n) => shopifyOrderCreate(n))),
    },
    {
      name: 'Stripe webhook ack',
      phase: 'ack',
      what: 'POST /webhooks/stripe charge.refunded, signed, a new event id per request',
      probe: () => stripeChargeRefunded(9_999_999),
      requests: (pool) => dynamic(requestPool(pool, (n) => stripeChargeRefunded(n))),
    },
  ];
}

/** Sends one request; `missing` when the app answers its own 404 for an unknown route. */
export async function probe(
  base: string,
  spec: SignedRequest | RequestSpec,
): Promise<{ status: number; missing: boolean; body: string }> {
  const res = await fetch(base + (spec.path ?? '/'), {
    method: spec.method ?? 'GET',
    headers: spec.headers,
    body: spec.method === 'GET' ? undefined : spec.body,
    signal: AbortSignal.timeout(120_000),
  });
  const body = await res.text();
  return { status: res.status, missing: res.status === 404 && body.includes('No route for'), body: body.slice(0, 300) };
}
