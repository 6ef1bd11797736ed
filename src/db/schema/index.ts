/**
 * The whole data model. Conventions: every row carries `shop_id` (tenancy); ids are prefixed text;
 * platform ids are text (64-bit Shopify ids do not fit a JS number); money is integer minor units
 * plus an ISO currency; time is UTC epoch milliseconds.
 *
 * Migrations are generated from these files by drizzle-kit (`npm run db:generate`) into `migrations/`.
 */
export * from './shops';
export * from './orders';
export * from './cases';
export * from './pickups';
export * from './notifications';
export * from './surveys';
export * from './queue';
export * from './rollups';
export * from './help';
export * from './conversations';
export * from './team';
export * from './review';
export * from './handling';
export * from './shifts';
export * from './customer-merges';
export * from './procedures';
export * from './case-writes';
export * from './shop-events';
