import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { adminAuth } from '../../src/admin/auth/api-auth';
import { createShop } from '../helpers/factory';

const app = createApp();
app.get('/api/admin-test/whoami', adminAuth(), (c) => c.json({ shopId: c.get('shopId') }));

describe('admin API authentication', () => {
  let shop: Awaited<ReturnType<typeof createShop>>;
  beforeAll(async () => {
    shop = await createShop(env.DB, { domain: 'auth-shop.myshopify.com' });
  });

  const call = (headers: Record<string, string>) => app.request('/api/admin-test/whoami', { headers }, env);

  it('refuses a missing or wrong bearer token with 401 problem+json', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer wrong-token' },
      { authorization: 'Basic abc' },
    ]) {
      const res = await call({ ...headers, 'x-shop-domain': 'auth-shop.myshopify.com' });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
  });

  it('needs a valid shop domain and scopes the request to that shop', async () => {
    expect((await call({ authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm' })).status).toBe(400);
    expect(
      (
        await call({
          authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm',
          'x-shop-domain': 'nobody.myshopify.com',
        })
      ).status,
    ).toBe(404);
    const ok = await call({
      authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm',
      'x-shop-domain': 'AUTH-SHOP.myshopify.com',
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ shopId: shop.id });
  });
});
