/** Shops, their customers, blocklist and taxonomy. */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt, json } from './columns';

export const shops = sqliteTable(
  'shops',
  {
    id: text('id').primaryKey(),
    domain: text('domain').notNull(),
    platform: text('platform', { enum: ['shopify', 'stripe'] })
      .notNull()
      .default('shopify'),
    status: text('status', { enum: ['active', 'uninstalled', 'redacted'] })
      .notNull()
      .default('active'),
    name: text('name').notNull(),
    email: text('email'),
    currency: text('currency').notNull().default('USD'),
    timezone: text('timezone').notNull().default('UTC'),
    locale: text('locale').notNull().default('en'),
    /** Shop settings: integrations in use, notification addresses, survey kind, grace periods. */
    settings: json<Record<string, unknown>>('settings').notNull().default(sql`'{}'`),
    /** The policy document (return policy + SLA), validated by `policySchema`. */
    policy: json<Record<string, unknown>>('policy').notNull().default(sql`'{}'`),
    /** Platform credentials, AES-GCM encrypted with a key derived from APP_SECRET. */
    accessTokenEnc: text('access_token_enc'),
    refreshTokenEnc: text('refresh_token_enc'),
    accessTokenExpiresAt: integer('access_token_expires_at'),
    scopes: text('scopes'),
    /** Admin screen sessions carry this number; logout bumps it, so every cookie issued before is refused. */
    sessionGeneration: integer('session_generation').notNull().default(0),
    /** Next case number for this shop (human-facing `R-1001`). */
    nextCaseNumber: integer('next_case_number').notNull().default(1001),
    installedAt: integer('installed_at'),
    uninstalledAt: integer('uninstalled_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('shops_domain_uq').on(t.domain)],
);

export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    platformId: text('platform_id'),
    email: text('email'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    phone: text('phone'),
    locale: text('locale'),
    tags: json<string[]>('tags').notNull().default(sql`'[]'`),
    vip: integer('vip', { mode: 'boolean' }).notNull().default(false),
    redactedAt: integer('redacted_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('customers_shop_platform_uq').on(t.shopId, t.platformId),
    index('customers_shop_email_idx').on(t.shopId, t.email),
    // Email-only records by address, whatever its case: the customer merge looks up twins per order.
    index('customers_shop_email_only_idx').on(t.shopId, sql`lower(${t.email})`).where(sql`${t.platformId} IS NULL`),
  ],
);

export const blocklistEntries = sqliteTable(
  'blocklist_entries',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    kind: text('kind', { enum: ['email', 'customer'] }).notNull(),
    value: text('value').notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('blocklist_shop_value_uq').on(t.shopId, t.kind, t.value)],
);

/** The merchant's taxonomy: free tags and return reason codes (with their rules in the policy). */
export const tags = sqliteTable(
  'tags',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    kind: text('kind', { enum: ['tag', 'reason'] }).notNull(),
    code: text('code').notNull(),
    label: text('label').notNull(),
    labels: json<Record<string, string>>('labels').notNull().default(sql`'{}'`),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tags_shop_kind_code_uq').on(t.shopId, t.kind, t.code)],
);
