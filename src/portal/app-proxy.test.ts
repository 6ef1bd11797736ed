import { describe, expect, it } from 'vitest';
import { proxyMessage, signProxyQuery, verifyProxyQuery } from './app-proxy';

describe('Shopify app proxy signature', () => {
  // The worked example of Shopify's "Authenticate app proxies" page (secret "hush").
  const example = new URLSearchParams(
    'extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=1&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555&signature=4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb',
  );

  it('builds the sorted key=value message without separators, repeated values joined by commas', () => {
    expect(proxyMessage(example)).toBe(
      'extra=1,2logged_in_customer_id=1path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555',
    );
  });

  it("accepts Shopify's documented example and refuses any change to it", async () => {
    const now = 1317327555_000;
    expect(await signProxyQuery('hush', example)).toBe(
      '4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb',
    );
    expect(await verifyProxyQuery('hush', example, now)).toMatchObject({
      shop: 'shop-name.myshopify.com',
      loggedInCustomerId: '1',
    });
    const tampered = new URLSearchParams(example);
    tampered.set('logged_in_customer_id', '2');
    expect(await verifyProxyQuery('hush', tampered, now)).toBeNull();
    expect(await verifyProxyQuery('other', example, now)).toBeNull();
  });

  it('refuses a correctly signed but stale request', async () => {
    expect(await verifyProxyQuery('hush', example, 1317327555_000 + 2 * 86_400_000)).toBeNull();
  });
});
