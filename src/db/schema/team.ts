/** The shop's team: members, their personal API tokens and one-time sign-in links. */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Role } from '../../team/roles';
import type { WorkingHours } from '../../team/working-hours';
import { createdAt, json, updatedAt } from './columns';

export const memberStatuses = ['available', 'away'] as const;

export const members = sqliteTable(
  'members',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    /** Null only for a Shopify staff user created on first embedded visit (the token carries no email). */
    email: text('email'),
    name: text('name').notNull(),
    /** agent | specialist | manager | owner (src/team/roles.ts; checked by zod where it enters). */
    role: text('role').$type<Role>().notNull(),
    languages: json<string[]>('languages').notNull().default(sql`'[]'`),
    /** The admin's language for this member (en, zh-CN, de); null = their browser's. */
    uiLocale: text('ui_locale'),
    /** Case types and reason codes handled; empty = a generalist. */
    skills: json<string[]>('skills').notNull().default(sql`'[]'`),
    /** Open cases at once; 0 takes no automatic work. */
    capacity: integer('capacity').notNull().default(10),
    status: text('status', { enum: memberStatuses }).notNull().default('available'),
    /** In the shop's zone; null = any time. */
    workingHours: json<WorkingHours>('working_hours'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** The Shopify staff user id (`sub` of a session token) when they sign in embedded. */
    shopifyUserId: text('shopify_user_id'),
    lastAssignedAt: integer('last_assigned_at'),
    /**
     * Bumped by the member's logout, a role change and deactivation: admin screen sessions carry the
     * generation they began in, so each of those signs out every browser of this member (only).
     */
    sessionGeneration: integer('session_generation').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('members_shop_email_uq').on(t.shopId, t.email),
    uniqueIndex('members_shop_shopify_user_uq').on(t.shopId, t.shopifyUserId),
  ],
);

export const memberTokens = sqliteTable(
  'member_tokens',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    memberId: text('member_id').notNull(),
    /** HMAC-SHA256 of the token under the `member-token-pepper` subkey (hex); the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    label: text('label'),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('member_tokens_hash_uq').on(t.tokenHash),
    index('member_tokens_member_idx').on(t.shopId, t.memberId),
  ],
);

export const signInLinks = sqliteTable(
  'sign_in_links',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    memberId: text('member_id').notNull(),
    /** MAC of the link's secret under the `sign-in-link` subkey (hex). */
    linkHash: text('link_hash').notNull(),
    /** MAC of the nonce cookie of the browser that asked: only that browser may use the link. */
    nonceHash: text('nonce_hash').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('sign_in_links_hash_uq').on(t.linkHash)],
);

/**
 * Money above the acting role's limit, held until someone whose limit covers it approves: the
 * action as asked (`refund` / `store_credit` with its amount), who asked, and who decided.
 */
export const approvalRequests = sqliteTable(
  'approval_requests',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    caseId: text('case_id').notNull(),
    action: json<Record<string, unknown>>('action').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    requestedBy: text('requested_by').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'declined'] })
      .notNull()
      .default('pending'),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
    createdAt: createdAt(),
  },
  (t) => [index('approval_requests_case_idx').on(t.shopId, t.caseId, t.status)],
);
