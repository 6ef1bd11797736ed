import type { Context } from 'hono';
import { normalizeShopDomain } from '../db/shops';
import { AppError } from '../http/errors';
import type { AppBindings } from '../http/types';
import { decodeUtf8, readCappedBody } from './read-body';
import { checkShopifyWebhook } from './shopify-hmac';
import { staleShopifyWebhook } from './shopify-staleness';
import { storeAndEnqueue, storeIgnored, waitUntilOf } from './store-event';

const topicPattern = /^[a-z0-9_]+(\/[a-z0-9_]+)+$/;
const deliveryIdPattern = /^[A-Za-z0-9._:-]{1,200}$/;
/** Headers worth keeping with the raw body (what a replay or an audit needs); never the HMAC. */
const keptHeaders = [
  'x-shopify-topic',
  'x-shopify-shop-domain',
  'x-shopify-webhook-id',
  'x-shopify-api-version',
  'x-shopify-triggered-at',
  'x-shopify-event-id',
  'x-shopify-sub-topic',
  'content-type',
];

/**
 * `POST /webhooks/shopify`: size check → HMAC (./shopify-hmac.ts, constant time) → header and
 * body shape → store once → enqueue → 200. Nothing else runs here. A delivery triggered over a day
 * ago is stored as `ignored` and not enqueued (./shopify-staleness.ts).
 * @see https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook
 */
export async function receiveShopifyWebhook(c: Context<AppBindings>): Promise<Response> {
  const s = c.get('services');
  const bytes = await readCappedBody(c.req.raw);
  if (!c.req.header('x-shopify-hmac-sha256'))
    throw new AppError('invalid_signature', 'X-Shopify-Hmac-Sha256 is missing.');
  const check = await checkShopifyWebhook(s.settings.SHOPIFY_API_SECRET, c.req.raw.headers, bytes);
  if (!check.valid) {
    if (check.reason === 'missing_headers') {
      throw new AppError('bad_request', `Missing headers: ${check.missingHeaders.join(', ')}.`);
    }
    if (check.reason === 'missing_body') throw new AppError('bad_request', 'The body is empty.');
    throw new AppError('invalid_signature', 'X-Shopify-Hmac-Sha256 does not match the body.');
  }
  const topic = c.req.header('x-shopify-topic')!.trim().toLowerCase();
  const deliveryId = c.req.header('x-shopify-webhook-id')!.trim();
  const shopDomain = normalizeShopDomain(c.req.header('x-shopify-shop-domain'));
  if (!topicPattern.test(topic) || topic.length > 100)
    throw new AppError('bad_request', 'X-Shopify-Topic is not a topic.');
  if (!deliveryIdPattern.test(deliveryId))
    throw new AppError('bad_request', 'X-Shopify-Webhook-Id is not a delivery id.');
  if (!shopDomain) throw new AppError('bad_request', 'X-Shopify-Shop-Domain is not a *.myshopify.com domain.');
  const body = decodeUtf8(bytes);
  if (body === null || !isJsonObject(body)) throw new AppError('bad_request', 'The body is not a JSON object.');

  const headers: Record<string, string> = {};
  for (const name of keptHeaders) {
    const v = c.req.header(name);
    if (v) headers[name] = v.slice(0, 500);
  }
  const event = { source: 'shopify' as const, deliveryId, topic, shopDomain, headers, body };
  const stale = staleShopifyWebhook(c.req.header('x-shopify-triggered-at'), s.clock.now());
  if (stale) {
    const stored = await storeIgnored(s, event, stale);
    Object.assign(c.get('logFields'), { topic, shop: shopDomain, eventId: stored.eventId, ignored: stale });
    return c.json({ ok: true, duplicate: stored.duplicate, applied: false }, 200);
  }
  const stored = await storeAndEnqueue(s, event, waitUntilOf(c));
  Object.assign(c.get('logFields'), { topic, shop: shopDomain, eventId: stored.eventId, duplicate: stored.duplicate });
  return c.json({ ok: true, duplicate: stored.duplicate }, 200);
}

/** Only "is it an object": ids are not read here, so precision does not matter yet. */
function isJsonObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}
