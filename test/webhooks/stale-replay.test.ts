import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createShop } from '../helpers/factory';
import { shopifyWebhook } from '../helpers/webhooks';
import { shopify } from './fixtures';

const post = (req: Request) => exports.default.fetch(req);
const HOUR = 3_600_000;
const row = (id: string) =>
  env.DB.prepare('SELECT id, status, last_error FROM webhook_events WHERE delivery_id = ?')
    .bind(id)
    .first<{ id: string; status: string; last_error: string | null }>();

describe('Shopify webhooks older than a day by X-Shopify-Triggered-At', () => {
  it('are acknowledged 200 but stored as ignored with the reason, never applied', async () => {
    const triggeredAt = new Date(Date.now() - 25 * HOUR).toISOString().replace('Z', '123456Z');
    const res = await post(
      await shopifyWebhook('orders/create', shopify.ordersCreate, { webhookId: 'stale-1', triggeredAt }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, applied: false });
    const stored = await row('stale-1');
    expect(stored).toMatchObject({ status: 'ignored' });
    expect(stored!.last_error).toMatch(/^stale: triggered 25 h ago/);
    // A second copy of the same delivery is a duplicate, not a second row.
    const again = await post(
      await shopifyWebhook('orders/create', shopify.ordersCreate, { webhookId: 'stale-1', triggeredAt }),
    );
    expect(await again.json()).toMatchObject({ duplicate: true });
  });

  it('a delivery triggered within the day is stored to be applied as before', async () => {
    const triggeredAt = new Date(Date.now() - 23 * HOUR).toISOString();
    const res = await post(
      await shopifyWebhook('orders/create', shopify.ordersCreate, { webhookId: 'fresh-1', triggeredAt }),
    );
    expect(res.status).toBe(200);
    expect(await row('fresh-1')).toMatchObject({ status: 'received', last_error: null });
  });

  it('the operator can still apply an ignored one on purpose, by replaying it', async () => {
    const shop = await createShop(env.DB, { domain: 'stale-shop.myshopify.com' });
    const triggeredAt = new Date(Date.now() - 3 * 24 * HOUR).toISOString();
    await post(
      await shopifyWebhook('orders/create', shopify.ordersCreate, {
        webhookId: 'stale-2',
        triggeredAt,
        shop: shop.domain,
      }),
    );
    const stored = await row('stale-2');
    expect(stored!.status).toBe('ignored');
    const replay = await post(
      new Request(`https://aftercare.test/api/admin/events/${stored!.id}/replay`, {
        method: 'POST',
        headers: { authorization: `Bearer ${env.ADMIN_TOKEN}`, 'x-shop-domain': shop.domain },
      }),
    );
    expect(replay.status).toBe(200);
    expect((await row('stale-2'))!.status).toBe('processed');
  });
});
