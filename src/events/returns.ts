import * as z from 'zod';
import type { ShopifyApplier } from './apply';
import { runEffects } from '../queue/effects';
import { syncShopifyReturn, type ShopifyReturnChange } from '../commands/sync-shopify-return';
import { placeholderOrderStatement } from './order-upsert';
import { gid, platformId } from './shopify-payloads';

/** A return opened or changed in Shopify's own admin, normalized for the Cases command. */
export type ShopifyReturnSync = ShopifyReturnChange;

const returnLine = z.object({
  quantity: z.number().int().positive(),
  return_reason: z.string().nullable().optional(),
  return_reason_note: z.string().nullable().optional(),
  customer_note: z.string().nullable().optional(),
  fulfillment_line_item: z
    .object({ line_item: z.object({ id: platformId, admin_graphql_api_id: z.string().optional() }).optional() })
    .nullable()
    .optional(),
  line_item: z.object({ id: platformId, admin_graphql_api_id: z.string().optional() }).nullable().optional(),
});

const shopifyReturn = z.object({
  id: platformId,
  admin_graphql_api_id: z.string().optional(),
  order: z.object({ id: platformId, admin_graphql_api_id: z.string().optional() }),
  return_line_items: z.array(returnLine).max(500).default([]),
  decline: z
    .object({ reason: z.string().nullable().optional(), note: z.string().nullable().optional() })
    .nullable()
    .optional(),
});

const changeByTopic: Record<string, ShopifyReturnSync['change']> = {
  'returns/request': 'requested',
  'returns/approve': 'approved',
  'returns/decline': 'declined',
  'returns/close': 'closed',
  'returns/cancel': 'cancelled',
  'returns/reopen': 'reopened',
};

export function toReturnSync(topic: string, body: unknown): ShopifyReturnSync {
  const change = changeByTopic[topic];
  if (!change) throw new Error(`not a returns topic: ${topic}`);
  const r = shopifyReturn.parse(body);
  return {
    returnGid: r.admin_graphql_api_id ?? gid('Return', r.id),
    orderGid: r.order.admin_graphql_api_id ?? gid('Order', r.order.id),
    change,
    declineReason: r.decline ? [r.decline.reason, r.decline.note].filter(Boolean).join(': ') || null : null,
    items: r.return_line_items.map((l) => {
      const line = l.fulfillment_line_item?.line_item ?? l.line_item ?? null;
      return {
        platformLineId: line ? (line.admin_graphql_api_id ?? gid('LineItem', line.id)) : null,
        quantity: l.quantity,
        reason: (l.return_reason ?? 'other').toLowerCase(),
        note: l.customer_note ?? l.return_reason_note ?? null,
      };
    }),
  };
}

/**
 * `returns/request|approve|decline|close|cancel|reopen` → the case mirroring that Shopify return
 * (`syncShopifyReturn`, the Cases command): created on first sight whichever topic arrives first,
 * then moved to where Shopify says it is. The order gets a placeholder row if it is not here yet.
 * @see https://shopify.dev/docs/api/webhooks/2026-04?reference=toml#list-returns/request
 */
export const applyShopifyReturn: ShopifyApplier = async ({ s, shop, event, body }) => {
  const sync = toReturnSync(event.topic, body);
  await s.d1(shop.id).batch([placeholderOrderStatement(s, shop.id, sync.orderGid, null)]);
  const result = await syncShopifyReturn(s, shop.id, sync);
  await runEffects(s, result.effects);
};
