import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

// Each test file gets its own storage; give it the real schema first.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
// The second database of the database-per-shop tests (vitest.config.mts SHARDS): code that asks
// every shard (a Stripe event names no shop) must find the schema there too.
const shard = (env as unknown as { DB_2?: D1Database }).DB_2;
if (shard) await applyD1Migrations(shard, env.TEST_MIGRATIONS);
