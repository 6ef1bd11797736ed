/** The outbox and the merchant's template overrides. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, json, updatedAt } from './columns';

export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    caseId: text('case_id'),
    orderId: text('order_id'),
    /** Template name: return_confirmation, delay_notice, survey, sla_breach, data_export… */
    kind: text('kind').notNull(),
    channel: text('channel', { enum: ['email', 'webhook'] })
      .notNull()
      .default('email'),
    recipient: text('recipient').notNull(),
    locale: text('locale').notNull().default('en'),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html'),
    /** Mail headers the message must carry: a case reply's Message-ID, In-Reply-To, References, Reply-To. */
    headers: json<Record<string, string>>('headers'),
    /** `sending`: claimed by a delivery job (a lease: reclaimable once `updated_at` is old). */
    status: text('status', { enum: ['queued', 'sending', 'sent', 'failed', 'cancelled'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    provider: text('provider'),
    providerId: text('provider_id'),
    lastError: text('last_error'),
    /** One message per business fact (e.g. `delay:<shipment>:<episode>`): insert-or-ignore. */
    dedupeKey: text('dedupe_key').notNull(),
    sendAfter: integer('send_after'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_uq').on(t.shopId, t.dedupeKey),
    index('notifications_shop_status_idx').on(t.shopId, t.status, t.createdAt),
    index('notifications_case_idx').on(t.shopId, t.caseId),
    index('notifications_status_idx').on(t.status, t.sendAfter),
  ],
);

/** Per-shop overrides of the Liquid templates in `templates/`. */
export const messageTemplates = sqliteTable(
  'message_templates',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    name: text('name').notNull(),
    locale: text('locale').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('message_templates_uq').on(t.shopId, t.name, t.locale)],
);
