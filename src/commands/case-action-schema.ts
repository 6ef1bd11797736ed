/**
 * The body of `POST /api/admin/cases/:id/actions`: one object per action name of CONTRACT.md
 * (approve, reject, request_info, receive, refund, exchange, close, note, tag) plus the steps an
 * agent records by hand (customer_replied, mark_in_transit, inspect, store_credit, keep, reopen).
 */
import * as z from 'zod';

const text = (max = 2000) => z.string().trim().min(1).max(max);
/** A form's one-time key: the same form sent twice (a double click, a resend) acts once. */
const formKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/)
  .optional();
export const itemConditions = ['as_new', 'opened', 'used', 'damaged', 'missing'] as const;

export const caseActionSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('approve'),
    note: text().optional(),
    /** A return label the merchant already has: attached to the Shopify return as a reverse delivery. */
    label: z
      .object({
        url: z.url().max(2000),
        trackingNumber: text(100).optional(),
        trackingUrl: z.url().max(2000).optional(),
      })
      .optional(),
  }),
  z.object({ action: z.literal('reject'), reason: text() }),
  z.object({ action: z.literal('request_info'), message: text() }),
  z.object({ action: z.literal('customer_replied'), message: text().optional() }),
  z.object({ action: z.literal('mark_in_transit'), note: text().optional() }),
  z.object({
    action: z.literal('receive'),
    items: z
      .array(z.object({ itemId: z.string().min(1).max(64), condition: z.enum(itemConditions) }))
      .max(100)
      .optional(),
    note: text().optional(),
  }),
  z.object({ action: z.literal('inspect'), note: text().optional() }),
  /** Amount defaults to the policy's quote; an agent may refund less, never more than the items. */
  z.object({ action: z.literal('refund'), amountMinor: z.int().min(1).optional(), note: text().optional() }),
  z.object({ action: z.literal('store_credit'), amountMinor: z.int().min(1).optional(), note: text().optional() }),
  z.object({
    action: z.literal('exchange'),
    items: z
      .array(z.object({ itemId: z.string().min(1).max(64), variantId: z.string().min(1).max(200) }))
      .max(100)
      .optional(),
    note: text().optional(),
  }),
  z.object({ action: z.literal('keep'), note: text().optional() }),
  z.object({ action: z.literal('close'), reason: text().optional() }),
  z.object({ action: z.literal('reopen'), reason: text() }),
  z.object({ action: z.literal('note'), text: text(5000), key: formKey }),
  /** A public reply to the customer by email, on the case's thread (src/conversations/send-reply.ts). */
  z.object({ action: z.literal('reply'), body: text(20_000), key: formKey }),
  z.object({
    action: z.literal('tag'),
    add: z.array(text(64)).max(20).default([]),
    remove: z.array(text(64)).max(20).default([]),
  }),
]);

export type CaseAction = z.infer<typeof caseActionSchema>;
export type CaseActionName = CaseAction['action'];
