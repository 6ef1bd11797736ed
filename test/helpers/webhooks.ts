/** Builders for webhook requests signed exactly as Shopify and Stripe sign them. */
const encoder = new TextEncoder();

async function hmac(secret: string, message: string): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return crypto.subtle.sign('HMAC', key, encoder.encode(message));
}

function base64(buf: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(buf)));
}

function hex(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** `X-Shopify-Hmac-Sha256`: base64 HMAC-SHA256 of the raw body with the app secret. */
export async function shopifyHmac(body: string, secret = 'dev-shopify-secret'): Promise<string> {
  return base64(await hmac(secret, body));
}

export interface ShopifyWebhookOptions {
  shop?: string;
  webhookId?: string;
  secret?: string;
  apiVersion?: string;
  triggeredAt?: string;
  /** Replace or drop (null) any header after signing. */
  headers?: Record<string, string | null>;
}

export async function shopifyWebhook(
  topic: string,
  body: string | object,
  options: ShopifyWebhookOptions = {},
): Promise<Request> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-shopify-topic': topic,
    'x-shopify-shop-domain': options.shop ?? 'demo-shop.myshopify.com',
    'x-shopify-webhook-id': options.webhookId ?? crypto.randomUUID(),
    'x-shopify-api-version': options.apiVersion ?? '2026-04',
    'x-shopify-triggered-at': options.triggeredAt ?? new Date().toISOString(),
    'x-shopify-event-id': crypto.randomUUID(),
    'x-shopify-hmac-sha256': await shopifyHmac(raw, options.secret),
  };
  for (const [k, v] of Object.entries(options.headers ?? {})) {
    if (v === null) delete headers[k.toLowerCase()];
    else headers[k.toLowerCase()] = v;
  }
  return new Request('https://aftercare.test/webhooks/shopify', { method: 'POST', headers, body: raw });
}

/** `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.payload">`. */
export async function stripeSignature(
  payload: string,
  secret = 'whsec_dev',
  timestamp = Math.floor(Date.now() / 1000),
): Promise<string> {
  return `t=${timestamp},v1=${hex(await hmac(secret, `${timestamp}.${payload}`))}`;
}

export interface StripeWebhookOptions {
  secret?: string;
  timestamp?: number;
  headers?: Record<string, string | null>;
}

export async function stripeWebhook(event: string | object, options: StripeWebhookOptions = {}): Promise<Request> {
  const raw = typeof event === 'string' ? event : JSON.stringify(event);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'stripe-signature': await stripeSignature(raw, options.secret, options.timestamp),
  };
  for (const [k, v] of Object.entries(options.headers ?? {})) {
    if (v === null) delete headers[k.toLowerCase()];
    else headers[k.toLowerCase()] = v;
  }
  return new Request('https://aftercare.test/webhooks/stripe', { method: 'POST', headers, body: raw });
}
