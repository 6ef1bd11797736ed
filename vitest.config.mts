import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// Tests run inside workerd with the real bindings of wrangler.toml (local D1, Durable Objects,
// Queues, R2). Secrets are the local values of CONTRACT.md; migrations are applied per test file.
export default defineConfig(async () => {
  const migrations = await readD1Migrations('./migrations');
  return {
    plugins: [
      // `templates/*.liquid` as text modules, like wrangler's `[[rules]] type = "Text"` (jobs).
      {
        name: 'liquid-text',
        enforce: 'pre' as const,
        transform(code: string, id: string) {
          return id.endsWith('.liquid') ? { code: `export default ${JSON.stringify(code)};`, map: null } : undefined;
        },
      },
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            INTEGRATIONS: 'local',
            SHOPIFY_API_KEY: 'dev-shopify-key',
            SHOPIFY_API_SECRET: 'dev-shopify-secret',
            STRIPE_SECRET_KEY: 'sk_test_dev',
            STRIPE_WEBHOOK_SECRET: 'whsec_dev',
            ADMIN_TOKEN: 'dev-admin-token',
            APP_SECRET: 'dev-app-secret',
            // Database per shop: this one shop id lives on a second D1 database (test/shards/).
            SHARDS: JSON.stringify({ shop_test_on_db2: 'DB_2' }),
            // The pool runs workerd with `no_handle_cross_request_promise_resolution`, so one request
            // cannot wake another: webhook group commit (src/webhooks/group-commit.ts) needs that and
            // is tested against `wrangler dev` instead (test/e2e/webhooks.e2e.ts) and by its unit test.
            WEBHOOK_GROUP_COMMIT: 'off',
          },
          d1Databases: { DB_2: 'aftercare-shard-2' },
        },
      }),
    ],
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      exclude: ['test/e2e/**', 'node_modules/**'],
      setupFiles: ['./test/setup.ts'],
      testTimeout: 20_000,
    },
  };
});
