import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations that `wrangler d1 migrations apply` runs (locally and on Cloudflare).
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema/index.ts',
  out: './migrations',
});
