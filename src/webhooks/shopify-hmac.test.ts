import { describe, expect, it } from 'vitest';
import { checkShopifyWebhook } from './shopify-hmac';

const SECRET = 'test-shopify-secret';
const enc = new TextEncoder();

async function sign(body: Uint8Array, secret = SECRET): Promise<string> {
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.sign('HMAC', key, body))));
}

const headersFor = (hmac: string, drop: string[] = []) => {
  const h = new Headers({
    'x-shopify-hmac-sha256': hmac,
    'x-shopify-topic': 'orders/create',
    'x-shopify-shop-domain': 'a.myshopify.com',
    'x-shopify-api-version': '2026-04',
    'x-shopify-webhook-id': 'd-1',
  });
  for (const name of drop) h.delete(name);
  return h;
};

describe('the Shopify webhook signature', () => {
  const body = enc.encode('{"id":1,"note":"ünïcode ✓"}');

  it('accepts the HMAC of the exact bytes, under this secret only', async () => {
    expect(await checkShopifyWebhook(SECRET, headersFor(await sign(body)), body)).toEqual({ valid: true });
    // Same result on the second call (the key comes from the isolate's cache).
    expect(await checkShopifyWebhook(SECRET, headersFor(await sign(body)), body)).toEqual({ valid: true });
    expect(await checkShopifyWebhook(SECRET, headersFor(await sign(body, 'other')), body)).toEqual({
      valid: false,
      reason: 'invalid_hmac',
    });
  });

  it('refuses any changed byte, a malformed or truncated signature, and says what is missing', async () => {
    const hmac = await sign(body);
    const altered = body.slice();
    altered[3] = altered[3]! ^ 1;
    for (const [what, h, b] of [
      ['altered body', hmac, altered],
      ['truncated signature', hmac.slice(0, 40), body],
      ['not base64', `${hmac.slice(0, -2)}!=`, body],
      ['hex instead of base64', 'ab'.repeat(32), body],
    ] as const)
      expect(await checkShopifyWebhook(SECRET, headersFor(h), b), what).toEqual({
        valid: false,
        reason: 'invalid_hmac',
      });
    expect(await checkShopifyWebhook(SECRET, headersFor(''), body)).toEqual({ valid: false, reason: 'missing_hmac' });
    expect(await checkShopifyWebhook(SECRET, headersFor(hmac), new Uint8Array(0))).toEqual({
      valid: false,
      reason: 'missing_body',
    });
    expect(
      await checkShopifyWebhook(SECRET, headersFor(hmac, ['x-shopify-topic', 'x-shopify-api-version']), body),
    ).toEqual({
      valid: false,
      reason: 'missing_headers',
      missingHeaders: ['X-Shopify-Topic', 'X-Shopify-API-Version'],
    });
  });
});
