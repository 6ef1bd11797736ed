import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { policySchema } from '../../src/cases/policy-schema';
import { DEMO_SHOP_DOMAIN } from '../../src/db/demo-data';
import { seedDemoShop } from '../../src/db/seed';

const DAY = 86_400_000;

async function count(table: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>();
  return row?.n ?? 0;
}

describe('demo seed', () => {
  it('is idempotent: seeding twice creates nothing twice', async () => {
    const now = Date.UTC(2026, 10, 25, 12);
    await seedDemoShop(env.DB, now);
    const first = {
      shops: await count('shops'),
      orders: await count('orders'),
      lines: await count('order_lines'),
      shipments: await count('shipments'),
    };
    await seedDemoShop(env.DB, now + DAY);
    const second = {
      shops: await count('shops'),
      orders: await count('orders'),
      lines: await count('order_lines'),
      shipments: await count('shipments'),
    };
    expect(second).toEqual(first);
    expect(first.shops).toBe(1);
    expect(first.orders).toBe(10);
  });

  it('holds the mix CONTRACT.md names', async () => {
    const now = Date.UTC(2026, 10, 25, 12);
    await seedDemoShop(env.DB, now);
    const shop = await env.DB.prepare('SELECT id, policy FROM shops WHERE domain = ?')
      .bind(DEMO_SHOP_DOMAIN)
      .first<{ id: string; policy: string }>();
    expect(shop).not.toBeNull();
    const policy = policySchema.parse(JSON.parse(shop!.policy));
    const windowMs = policy.returnWindowDays * DAY;
    const names = await env.DB.prepare('SELECT name FROM orders WHERE shop_id = ? ORDER BY name')
      .bind(shop!.id)
      .all<{ name: string }>();
    expect(names.results.map((r) => r.name)).toEqual(Array.from({ length: 10 }, (_, i) => `#${1001 + i}`));
    const ships = await env.DB.prepare(
      'SELECT o.name, s.status, s.delivered_at, s.estimated_delivery_at FROM shipments s JOIN orders o ON o.id = s.order_id WHERE s.shop_id = ?',
    )
      .bind(shop!.id)
      .all<{ name: string; status: string; delivered_at: number | null; estimated_delivery_at: number | null }>();
    const delivered = ships.results.filter((r) => r.status === 'delivered');
    expect(delivered.some((r) => now - r.delivered_at! < windowMs)).toBe(true);
    expect(delivered.some((r) => now - r.delivered_at! > windowMs)).toBe(true);
    expect(ships.results.some((r) => r.status === 'in_transit' && r.estimated_delivery_at! < now)).toBe(true);
    const finalSale = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM order_lines WHERE shop_id = ? AND product_tags LIKE '%final-sale%'",
    )
      .bind(shop!.id)
      .first<{ n: number }>();
    expect(finalSale!.n).toBeGreaterThan(0);
    const emails = await env.DB.prepare('SELECT DISTINCT email FROM orders WHERE shop_id = ?')
      .bind(shop!.id)
      .all<{ email: string }>();
    expect(emails.results).toEqual([{ email: 'shopper@example.com' }]);
  });
});
