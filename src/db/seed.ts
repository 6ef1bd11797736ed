/**
 * Seeds the demo shop idempotently: fixed ids and `INSERT OR IGNORE`, so running it twice creates
 * nothing twice. The same statements feed `npm run dev` (as a SQL file for `wrangler d1 execute`)
 * and the tests (as a D1 batch).
 */
import { getTableColumns, type Table } from 'drizzle-orm';
import { defaultPolicy } from '../cases/policy-schema';
import { DAY_MS } from '../lib/durations';
import {
  DEMO_CUSTOMER_ID,
  DEMO_EMAIL,
  DEMO_RETURN_ADDRESS,
  DEMO_SHOP_DOMAIN,
  DEMO_SHOP_ID,
  DEMO_SUPPORT_ADDRESS,
  demoOrders,
  findVariant,
} from './demo-data';
import { demoThreadStatements } from './demo-threads';
import * as s from './schema';
import { demoMemberStatements } from './seed-team';

export interface Statement {
  sql: string;
  params: Array<string | number | null>;
}

function toParam(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** `INSERT OR IGNORE` of one row, keyed by the drizzle table's property names. */
export function insertOrIgnore<T extends Table>(table: T, row: Partial<T['$inferInsert']>): Statement {
  const columns = getTableColumns(table);
  const names: string[] = [];
  const params: Statement['params'] = [];
  for (const [key, column] of Object.entries(columns)) {
    if (!(key in row)) continue;
    names.push(`"${column.name}"`);
    params.push(toParam((row as Record<string, unknown>)[key]));
  }
  const tableName = (table as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')];
  return {
    sql: `INSERT OR IGNORE INTO "${tableName}" (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    params,
  };
}

export function demoSeedStatements(now: number): Statement[] {
  const out: Statement[] = [];
  out.push(
    insertOrIgnore(s.shops, {
      id: DEMO_SHOP_ID,
      domain: DEMO_SHOP_DOMAIN,
      platform: 'shopify',
      status: 'active',
      name: 'Demo Shop',
      email: DEMO_SUPPORT_ADDRESS,
      currency: 'USD',
      timezone: 'America/New_York',
      locale: 'en',
      // A shop that has been running for months: set up (return address, policy saved), so the
      // admin opens on its queue rather than the first-run checklist.
      settings: {
        integrations: 'local',
        surveyKind: 'csat',
        surveyDelayDays: 3,
        delayGraceDays: 1,
        stallDays: 3,
        returnAddress: DEMO_RETURN_ADDRESS,
        policySavedAt: now,
      },
      policy: defaultPolicy() as unknown as Record<string, unknown>,
      installedAt: now,
      createdAt: now,
      updatedAt: now,
    }),
  );
  out.push(...demoMemberStatements(now));
  out.push(
    insertOrIgnore(s.mailAddresses, {
      address: DEMO_SUPPORT_ADDRESS,
      domain: DEMO_SUPPORT_ADDRESS.split('@')[1]!,
      shopId: DEMO_SHOP_ID,
      createdAt: now,
    }),
  );
  out.push(
    insertOrIgnore(s.customers, {
      id: DEMO_CUSTOMER_ID,
      shopId: DEMO_SHOP_ID,
      platformId: 'gid://shopify/Customer/9001',
      email: DEMO_EMAIL,
      firstName: 'Sam',
      lastName: 'Shopper',
      locale: 'en',
      tags: [],
      createdAt: now,
      updatedAt: now,
    }),
  );
  for (const order of demoOrders) {
    const orderId = `ord_demo${order.number}`;
    const placedAt = now - order.placedDaysAgo * DAY_MS;
    let subtotal = 0;
    order.lines.forEach((line, i) => {
      const found = findVariant(line.variantId);
      if (!found) throw new Error(`demo order ${order.number}: unknown variant ${line.variantId}`);
      subtotal += found.variant.priceMinor * line.quantity;
      out.push(
        insertOrIgnore(s.orderLines, {
          id: `line_demo${order.number}_${i + 1}`,
          shopId: DEMO_SHOP_ID,
          orderId,
          platformId: `gid://shopify/LineItem/${order.number}0${i + 1}`,
          productId: found.product.productId,
          variantId: found.variant.variantId,
          sku: found.variant.sku,
          title: found.product.title,
          variantTitle: found.variant.title,
          productType: found.product.productType,
          productTags: found.product.tags,
          quantity: line.quantity,
          priceMinor: found.variant.priceMinor,
          discountMinor: 0,
          imageUrl: found.product.imageUrl,
          createdAt: placedAt,
          updatedAt: placedAt,
        }),
      );
    });
    const shipping = 800;
    out.push(
      insertOrIgnore(s.orders, {
        id: orderId,
        shopId: DEMO_SHOP_ID,
        platformId: `gid://shopify/Order/${order.number}00`,
        name: `#${order.number}`,
        number: String(order.number),
        customerId: DEMO_CUSTOMER_ID,
        email: DEMO_EMAIL,
        locale: 'en',
        currency: 'USD',
        subtotalMinor: subtotal,
        shippingMinor: shipping,
        totalMinor: subtotal + shipping,
        financialStatus: 'paid',
        fulfillmentStatus: order.shipment ? 'fulfilled' : null,
        tags: order.tags ?? [],
        paymentRef: `pi_demo${order.number}`,
        shippingAddress: {
          name: 'Sam Shopper',
          address1: '500 Market St',
          city: 'San Francisco',
          province: 'California',
          provinceCode: 'CA',
          zip: '94105',
          country: 'United States',
          countryCode: 'US',
          phone: '+14155550100',
        },
        processedAt: placedAt,
        platformUpdatedAt: placedAt,
        createdAt: placedAt,
        updatedAt: placedAt,
      }),
    );
    const shipment = order.shipment;
    if (shipment) {
      const delivered = shipment.status === 'delivered';
      const shippedAt = delivered
        ? now - (shipment.deliveredDaysAgo + 3) * DAY_MS
        : now - shipment.shippedDaysAgo * DAY_MS;
      out.push(
        insertOrIgnore(s.shipments, {
          id: `shp_demo${order.number}`,
          shopId: DEMO_SHOP_ID,
          orderId,
          platformId: `gid://shopify/Fulfillment/${order.number}1`,
          carrier: shipment.carrier,
          trackingNumbers: [`1Z${order.number}DEMO`],
          trackingUrls: [`https://tracking.example/${order.number}`],
          status: shipment.status,
          lineItemIds: order.lines.map((_, i) => `line_demo${order.number}_${i + 1}`),
          shippedAt,
          estimatedDeliveryAt: delivered ? now - shipment.deliveredDaysAgo * DAY_MS : now + shipment.etaInDays * DAY_MS,
          deliveredAt: delivered ? now - shipment.deliveredDaysAgo * DAY_MS : null,
          lastTrackingAt: delivered
            ? now - shipment.deliveredDaysAgo * DAY_MS
            : now - shipment.lastTrackingDaysAgo * DAY_MS,
          platformUpdatedAt: shippedAt,
          createdAt: shippedAt,
          updatedAt: shippedAt,
        }),
      );
    }
  }
  out.push(...demoThreadStatements(now));
  return out;
}

function literal(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('non-finite number in seed');
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}

/** The statements as a SQL script for `wrangler d1 execute --file`. */
export function toSqlScript(statements: Statement[]): string {
  return (
    statements
      .map((st) => {
        let i = 0;
        return st.sql.replace(/\?/g, () => literal(st.params[i++] ?? null)) + ';';
      })
      .join('\n') + '\n'
  );
}

/** Applies the seed to a D1 database in one batch (tests, and anything else inside workerd). */
export async function seedDemoShop(d1: D1Database, now: number): Promise<void> {
  await d1.batch(demoSeedStatements(now).map((st) => d1.prepare(st.sql).bind(...st.params)));
}
