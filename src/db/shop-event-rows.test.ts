// runs-in: workerd
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createServices } from '../services';
import { createShop } from '../../test/helpers/factory';
import { shopEventStatement } from './shop-event-rows';

const s = createServices(env);
const count = async (shopId: string) =>
  (await env.DB.prepare('SELECT COUNT(*) AS n FROM shop_events WHERE shop_id = ?').bind(shopId).first<number>('n')) ??
  0;

describe('shopEventStatement: the event goes or stays with its change', () => {
  it('is undone with the batch when a later statement of the change fails', async () => {
    const shop = await createShop(env.DB);
    const touch = env.DB.prepare('UPDATE shops SET updated_at = updated_at + 1 WHERE id = ?').bind(shop.id);
    const event = shopEventStatement(s, env.DB, { shopId: shop.id, type: 'PolicyChanged', actor: 'operator' });
    const failing = env.DB.prepare('INSERT INTO shops (id) VALUES (NULL)');
    await expect(env.DB.batch([touch, event, failing])).rejects.toThrow();
    expect(await count(shop.id)).toBe(0);
  });

  it('with afterChange, is written only when the statement before it changed a row', async () => {
    const shop = await createShop(env.DB);
    const update = (id: string) => env.DB.prepare('UPDATE shops SET updated_at = updated_at + 1 WHERE id = ?').bind(id);
    const event = () =>
      shopEventStatement(
        s,
        env.DB,
        { shopId: shop.id, type: 'SetupSkipped', actor: 'operator' },
        { afterChange: true },
      );
    await env.DB.batch([update('shop_no_such_shop'), event()]);
    expect(await count(shop.id)).toBe(0);
    await env.DB.batch([update(shop.id), event()]);
    expect(await count(shop.id)).toBe(1);
  });
});
