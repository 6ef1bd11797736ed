import type { Address } from '../db/schema';
import { parseDecimal } from '../lib/money';
import type { Services } from '../services';
import { bindNamed } from './sql';
import { gid, splitTags, type ShopifyOrder } from './shopify-payloads';

/**
 * An order (with its customer and lines) as D1 statements for one batch. Newer wins by the
 * platform's `updated_at`, and the comparison lives in each statement's WHERE, so two deliveries
 * applied at once can never move a row backwards. Equal timestamps re-apply (idempotent). A row
 * whose values did not change is not written at all (each DO UPDATE compares them first): an
 * `orders/updated` that only moves the financial status writes the order row and no line, which
 * spares D1's rows-written bill and the per-day rollup triggers on lines.
 * Exposed for other areas that learn about orders (e.g. a backfill through the Admin API).
 */
export function upsertOrderStatements(s: Services, shopId: string, order: ShopifyOrder): D1PreparedStatement[] {
  const d1 = s.d1(shopId);
  const now = s.clock.now();
  const orderGid = order.admin_graphql_api_id ?? gid('Order', order.id);
  const currency = order.currency.toUpperCase();
  const version = order.updated_at;
  // "This delivery is not older than what we hold" (a missing order counts as version 0).
  const notStale = `?v >= COALESCE((SELECT platform_updated_at FROM orders WHERE shop_id = ?shop AND platform_id = ?ord), 0)`;
  const statements: D1PreparedStatement[] = [];

  const customer = order.customer;
  const customerGid = customer ? (customer.admin_graphql_api_id ?? gid('Customer', customer.id)) : null;
  if (customer && customerGid) {
    statements.push(
      bindNamed(
        d1,
        `INSERT INTO customers (id, shop_id, platform_id, email, first_name, last_name, phone, locale, created_at, updated_at)
           SELECT ?id, ?shop, ?cus, ?email, ?first, ?last, ?phone, ?locale, ?now, ?now WHERE ${notStale}
           ON CONFLICT(shop_id, platform_id) DO UPDATE SET
             email = COALESCE(excluded.email, customers.email), first_name = COALESCE(excluded.first_name, customers.first_name),
             last_name = COALESCE(excluded.last_name, customers.last_name), phone = COALESCE(excluded.phone, customers.phone),
             locale = COALESCE(excluded.locale, customers.locale), updated_at = excluded.updated_at
           WHERE customers.redacted_at IS NULL
             AND (customers.email, customers.first_name, customers.last_name, customers.phone, customers.locale) IS NOT
               (COALESCE(excluded.email, customers.email), COALESCE(excluded.first_name, customers.first_name),
                COALESCE(excluded.last_name, customers.last_name), COALESCE(excluded.phone, customers.phone),
                COALESCE(excluded.locale, customers.locale))`,
        {
          id: s.newId('cus'),
          shop: shopId,
          cus: customerGid,
          email: customer.email ?? order.email,
          first: customer.first_name,
          last: customer.last_name,
          phone: customer.phone,
          locale: order.customer_locale,
          now,
          v: version,
          ord: orderGid,
        },
      ),
    );
  }

  const shipping = order.shipping_address ? toAddress(order.shipping_address) : null;
  statements.push(
    bindNamed(
      d1,
      `INSERT INTO orders (id, shop_id, platform_id, name, number, customer_id, email, locale, currency, subtotal_minor, total_minor,
           shipping_minor, financial_status, fulfillment_status, tags, shipping_address, processed_at, cancelled_at, platform_updated_at, created_at, updated_at)
         VALUES (?id, ?shop, ?ord, ?name, ?number, (SELECT id FROM customers WHERE shop_id = ?shop AND platform_id = ?cus), ?email, ?locale, ?currency,
           ?subtotal, ?total, ?shipping, ?financial, ?fulfillment, ?tags, ?address, ?processed, ?cancelled, ?v, ?now, ?now)
         ON CONFLICT(shop_id, platform_id) DO UPDATE SET
           name = excluded.name, number = excluded.number, customer_id = COALESCE(excluded.customer_id, orders.customer_id),
           email = excluded.email, locale = excluded.locale, currency = excluded.currency, subtotal_minor = excluded.subtotal_minor,
           total_minor = excluded.total_minor, shipping_minor = excluded.shipping_minor, financial_status = excluded.financial_status,
           fulfillment_status = excluded.fulfillment_status, tags = excluded.tags, shipping_address = excluded.shipping_address,
           processed_at = excluded.processed_at, cancelled_at = excluded.cancelled_at,
           platform_updated_at = excluded.platform_updated_at, updated_at = excluded.updated_at
         WHERE excluded.platform_updated_at >= orders.platform_updated_at
           AND (orders.name, orders.number, orders.customer_id, orders.email, orders.locale, orders.currency, orders.subtotal_minor,
             orders.total_minor, orders.shipping_minor, orders.financial_status, orders.fulfillment_status, orders.tags,
             orders.shipping_address, orders.processed_at, orders.cancelled_at, orders.platform_updated_at) IS NOT
             (excluded.name, excluded.number, COALESCE(excluded.customer_id, orders.customer_id), excluded.email, excluded.locale,
             excluded.currency, excluded.subtotal_minor, excluded.total_minor, excluded.shipping_minor, excluded.financial_status,
             excluded.fulfillment_status, excluded.tags, excluded.shipping_address, excluded.processed_at, excluded.cancelled_at,
             excluded.platform_updated_at)`,
      {
        id: s.newId('ord'),
        shop: shopId,
        ord: orderGid,
        name: order.name,
        number: order.order_number === undefined ? null : String(order.order_number),
        cus: customerGid,
        email: order.email ?? order.contact_email ?? customer?.email ?? null,
        locale: order.customer_locale,
        currency,
        subtotal: order.subtotal_price === undefined ? 0 : parseDecimal(order.subtotal_price, currency),
        total: parseDecimal(order.total_price, currency),
        shipping: order.total_shipping_price_set
          ? parseDecimal(order.total_shipping_price_set.shop_money.amount, currency)
          : 0,
        financial: order.financial_status,
        fulfillment: order.fulfillment_status,
        tags: JSON.stringify(splitTags(order.tags)),
        address: shipping ? JSON.stringify(shipping) : null,
        processed: order.processed_at,
        cancelled: order.cancelled_at,
        v: version,
        now,
      },
    ),
  );

  for (const line of order.line_items) {
    statements.push(
      bindNamed(
        d1,
        `INSERT INTO order_lines (id, shop_id, order_id, platform_id, product_id, variant_id, sku, title, variant_title, quantity, price_minor, discount_minor, created_at, updated_at)
           SELECT ?id, ?shop, o.id, ?line, ?product, ?variant, ?sku, ?title, ?vtitle, ?qty, ?price, ?discount, ?now, ?now
           FROM orders o WHERE o.shop_id = ?shop AND o.platform_id = ?ord AND o.platform_updated_at = ?v
           ON CONFLICT(shop_id, platform_id) DO UPDATE SET
             product_id = excluded.product_id, variant_id = excluded.variant_id, sku = excluded.sku, title = excluded.title,
             variant_title = excluded.variant_title, quantity = excluded.quantity, price_minor = excluded.price_minor,
             discount_minor = excluded.discount_minor, updated_at = excluded.updated_at
           WHERE (order_lines.product_id, order_lines.variant_id, order_lines.sku, order_lines.title, order_lines.variant_title,
             order_lines.quantity, order_lines.price_minor, order_lines.discount_minor) IS NOT
             (excluded.product_id, excluded.variant_id, excluded.sku, excluded.title, excluded.variant_title,
             excluded.quantity, excluded.price_minor, excluded.discount_minor)`,
        {
          id: s.newId('line'),
          shop: shopId,
          ord: orderGid,
          v: version,
          line: line.admin_graphql_api_id ?? gid('LineItem', line.id),
          product: line.product_id ? gid('Product', line.product_id) : null,
          variant: line.variant_id ? gid('ProductVariant', line.variant_id) : null,
          sku: line.sku,
          title: line.title,
          vtitle: line.variant_title,
          qty: line.quantity,
          price: parseDecimal(line.price, currency),
          discount: line.total_discount === undefined ? 0 : parseDecimal(line.total_discount, currency),
          now,
        },
      ),
    );
  }
  return statements;
}

/**
 * A placeholder order row for an order we have not seen yet (a fulfillment or refund arrived
 * first). Version 0, so the real order overwrites every field when it arrives.
 */
export function placeholderOrderStatement(
  s: Services,
  shopId: string,
  orderGid: string,
  name: string | null,
): D1PreparedStatement {
  const now = s.clock.now();
  return s
    .d1(shopId)
    .prepare(
      `INSERT INTO orders (id, shop_id, platform_id, name, currency, platform_updated_at, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, COALESCE((SELECT currency FROM shops WHERE id = ?2), 'USD'), 0, ?5, ?5)
       ON CONFLICT(shop_id, platform_id) DO NOTHING`,
    )
    .bind(s.newId('ord'), shopId, orderGid, name ?? `#${orderGid.split('/').pop()}`, now);
}

function toAddress(a: NonNullable<ShopifyOrder['shipping_address']>): Address {
  return {
    name: a.name ?? ([a.first_name, a.last_name].filter(Boolean).join(' ') || null),
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.province,
    provinceCode: a.province_code,
    zip: a.zip,
    country: a.country,
    countryCode: a.country_code,
    phone: a.phone,
  };
}
