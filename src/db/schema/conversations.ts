/** Conversations: every message on a case (email in and out, the shopper's replies) and the addresses mail arrives at. */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, json } from './columns';

export const messageDirections = ['in', 'out'] as const;
export const messageChannels = ['email', 'portal', 'admin'] as const;

/** One attachment: the bytes live in the MAIL bucket under `key`. */
export interface MessageAttachment {
  key: string;
  name: string | null;
  type: string;
  size: number;
  inline: boolean;
}

export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    caseId: text('case_id').notNull(),
    customerId: text('customer_id'),
    direction: text('direction', { enum: messageDirections }).notNull(),
    channel: text('channel', { enum: messageChannels }).notNull(),
    /** RFC 5322 Message-ID without angle brackets (ours: `case_….msg_…@domain`); unique per shop. */
    messageId: text('message_id').notNull(),
    inReplyTo: text('in_reply_to'),
    references: json<string[]>('references').notNull().default(sql`'[]'`),
    fromAddress: text('from_address').notNull(),
    fromName: text('from_name'),
    toAddresses: json<string[]>('to_addresses').notNull().default(sql`'[]'`),
    subject: text('subject').notNull().default(''),
    /** The new text only: quoted history and signatures folded away (src/conversations/fold-quotes.ts). */
    text: text('text').notNull(),
    fullText: text('full_text').notNull(),
    html: text('html'),
    attachments: json<MessageAttachment[]>('attachments').notNull().default(sql`'[]'`),
    /** The raw RFC 5322 message in the MAIL bucket (inbound email only). */
    rawKey: text('raw_key'),
    rawSha256: text('raw_sha256'),
    /** True for the message that opened its case: counts against the sender's hourly limit. */
    openedCase: integer('opened_case', { mode: 'boolean' }).notNull().default(false),
    /** Internal messages (agents' notes) are never shown to the shopper. */
    internal: integer('internal', { mode: 'boolean' }).notNull().default(false),
    /** The outbox row that carries an outgoing message. */
    notificationId: text('notification_id'),
    at: integer('at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('messages_shop_message_id_uq').on(t.shopId, t.messageId),
    uniqueIndex('messages_shop_raw_uq').on(t.shopId, t.rawSha256),
    index('messages_case_idx').on(t.shopId, t.caseId, t.at),
    index('messages_customer_idx').on(t.shopId, t.customerId, t.at),
    index('messages_sender_idx').on(t.shopId, t.fromAddress, t.openedCase, t.at),
  ],
);

/**
 * The addresses a shop receives mail at (`support@demo-shop.example`), in the directory database
 * (`DB`): the recipient is all an inbound message tells us about its shop. Reply addresses
 * (`reply+…@domain`) find their shop by the domain.
 */
export const mailAddresses = sqliteTable(
  'mail_addresses',
  {
    /** Lowercased. */
    address: text('address').primaryKey(),
    domain: text('domain').notNull(),
    shopId: text('shop_id').notNull(),
    /** The From of replies to mail that came here (same domain, so answers thread back); null: the address itself. */
    replyFrom: text('reply_from'),
    /** The address the admin's replies leave from (one per shop; otherwise the oldest). */
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
    /** When the first message reached us through it: routing proven to work. */
    verifiedAt: integer('verified_at'),
    createdAt: createdAt(),
  },
  (t) => [index('mail_addresses_domain_idx').on(t.domain), index('mail_addresses_shop_idx').on(t.shopId)],
);
