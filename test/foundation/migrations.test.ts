import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('migrations', () => {
  it('apply to an empty database and create every table of the data model', async () => {
    const { results } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all<{
      name: string;
    }>();
    const tables = results.map((r) => r.name);
    for (const t of [
      'shops',
      'customers',
      'orders',
      'order_lines',
      'shipments',
      'cases',
      'case_items',
      'case_events',
      'refunds',
      'pickups',
      'notifications',
      'surveys',
      'webhook_events',
      'blocklist_entries',
      'tags',
      'message_templates',
      'scheduled_jobs',
    ]) {
      expect(tables).toContain(t);
    }
  });

  it('gives every tenant table a shop_id column', async () => {
    const { results } = await env.DB.prepare(
      // FTS5's shadow tables (`<virtual table>_data`, `_idx`, `_docsize`, `_config`) belong to their virtual table.
      `SELECT t.name FROM sqlite_master t WHERE t.type = 'table'
         AND t.name NOT IN ('shops', 'webhook_events', 'd1_migrations', '_cf_KV', '_cf_METADATA') AND t.name NOT LIKE 'sqlite_%'
         AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%' AND t.name LIKE v.name || '\\_%' ESCAPE '\\')`,
    ).all<{ name: string }>();
    for (const { name } of results) {
      const cols = await env.DB.prepare(`SELECT name FROM pragma_table_info(?)`).bind(name).all<{ name: string }>();
      expect(
        cols.results.map((c) => c.name),
        name,
      ).toContain('shop_id');
    }
  });

  it('indexes the case queue by shop, status and next due time', async () => {
    const plan = await env.DB.prepare(
      'EXPLAIN QUERY PLAN SELECT id FROM cases WHERE shop_id = ? AND status = ? ORDER BY next_due_at LIMIT 50',
    )
      .bind('shop_x', 'requested')
      .all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join(' ')).toMatch(/USING INDEX cases_shop_status_due_idx/);
  });
});
