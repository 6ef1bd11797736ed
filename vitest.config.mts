import { builtinModules } from 'node:module';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { splitTests } from './scripts/test-projects';

// `templates/*.liquid` as text modules, like wrangler's `[[rules]] type = "Text"` (jobs).
const liquidText = {
  name: 'liquid-text',
  enforce: 'pre' as const,
  transform(code: string, id: string) {
    return id.endsWith('.liquid') ? { code: `export default ${JSON.stringify(code)};`, map: null } : undefined;
  },
};

// Two projects. `workerd`: tests run inside workerd with the real bindings of wrangler.toml (local
// D1, Durable Objects, Queues, R2); secrets are the local values of CONTRACT.md; migrations are
// applied per test file. `node`: test files whose import graph never reaches `cloudflare:*` (pure
// domain, adapters through MSW) run in plain Node, because the pool starts a workerd per file
// (scripts/test-projects.ts says why and how the split is read from the code).
export default defineConfig(async () => {
  const migrations = await readD1Migrations('./migrations');
  const { node, ownWorkerd } = splitTests(process.cwd());
  const workerdProject = {
    plugins: [
      liquidText,
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
            ADMIN_TOKEN: 'test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm',
            APP_SECRET: 'test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA',
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
      name: 'workerd',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      exclude: ['test/e2e/**', 'node_modules/**', ...node, ...ownWorkerd],
      setupFiles: ['./test/setup.ts'],
      // One workerd runs many test files in turn (each file still starts from an emptied database,
      // test/setup.ts): starting a workerd and importing the Worker was ~6 of each file's ~7 s.
      isolate: false,
      // The three projects run one after the other: with a shared and an isolated workerd project
      // in one pool at once, vitest's runner hand-over stalled (a workerd left idle, the run hung).
      sequence: { groupOrder: 1 },
      testTimeout: 20_000,
      // Every test file's workerd imports the whole Worker through Vite, one module per request;
      // pre-bundling the dependencies (hundreds of small modules) cut that per-file setup in CI from
      // 4.0 to 2.5 s. Each package's every entry we import is listed so there is one copy of each
      // (the Shopify adapter registers into the library's runtime; hono's JSX and cookie helpers
      // share its internals). MSW stays out: the pool swaps `msw/node` for `msw/native` on load.
      deps: {
        optimizer: {
          ssr: {
            enabled: true,
            include: [
              'hono',
              'hono/body-limit',
              'hono/cookie',
              'hono/html',
              'hono/http-exception',
              'hono/jsx',
              'hono/route',
              'hono/jsx/jsx-runtime',
              'hono/jsx/jsx-dev-runtime',
              'hono/utils/http-status',
              '@hono/zod-validator',
              '@hono/zod-openapi',
              'zod',
              'drizzle-orm',
              'drizzle-orm/d1',
              'drizzle-orm/sqlite-core',
              'stripe',
              'liquidjs',
              'markdown-it',
              'xss',
              'postal-mime',
              'graphql',
              'fast-check',
            ],
            // Node's built-ins are the runtime's (nodejs_compat), never bundled.
            rolldownOptions: { external: [/^node:/, ...builtinModules] },
          },
        },
      },
    },
  };
  // Files marked `// storage: own` (scripts/test-projects.ts) get a workerd each, as all did before.
  const ownWorkerdProject = {
    ...workerdProject,
    test: {
      ...workerdProject.test,
      name: 'workerd-own',
      include: ownWorkerd,
      exclude: [],
      isolate: true,
      sequence: { groupOrder: 2 },
    },
  };
  const nodeProject = {
    plugins: [liquidText],
    test: { name: 'node', environment: 'node', include: node, testTimeout: 20_000, sequence: { groupOrder: 0 } },
  };
  return { test: { projects: [workerdProject, ownWorkerdProject, nodeProject] } };
});
