/**
 * Shopify's webhook signature: `X-Shopify-Hmac-Sha256` is the base64 HMAC-SHA256 of the raw body
 * under the app's secret. Checked with Web Crypto's `verify` (constant time) over the bytes as
 * received, with the HMAC key imported once per isolate and secret (`hmacKey`). The Shopify
 * library did the same check but imported the key, re-encoded the decoded body and base64-encoded
 * the result in JavaScript on every delivery: the ack's largest avoidable cost (issue 21).
 * @see https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook
 */
import { fromBase64, hmacKey } from '../lib/crypto';

/** The headers every Shopify webhook carries (the library's list, in its spelling for messages). */
export const REQUIRED_SHOPIFY_HEADERS = [
  'X-Shopify-Topic',
  'X-Shopify-Shop-Domain',
  'X-Shopify-API-Version',
  'X-Shopify-Webhook-Id',
] as const;

export type ShopifyCheck =
  | { valid: true }
  | { valid: false; reason: 'missing_hmac' | 'missing_body' | 'invalid_hmac' }
  | { valid: false; reason: 'missing_headers'; missingHeaders: string[] };

export async function checkShopifyWebhook(secret: string, headers: Headers, body: Uint8Array): Promise<ShopifyCheck> {
  if (body.byteLength === 0) return { valid: false, reason: 'missing_body' };
  const header = headers.get('x-shopify-hmac-sha256');
  if (!header) return { valid: false, reason: 'missing_hmac' };
  const signature = fromBase64(header.trim());
  // SHA-256: 32 bytes. A wrong length cannot match; verify() would say so too, this says it without work.
  if (signature?.byteLength !== 32) return { valid: false, reason: 'invalid_hmac' };
  if (!(await crypto.subtle.verify('HMAC', await hmacKey(secret), signature, body)))
    return { valid: false, reason: 'invalid_hmac' };
  const missingHeaders = REQUIRED_SHOPIFY_HEADERS.filter((name) => !headers.get(name));
  return missingHeaders.length > 0 ? { valid: false, reason: 'missing_headers', missingHeaders } : { valid: true };
}
