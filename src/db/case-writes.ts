/**
 * The triggers that count every write to a shop's cases into `case_write_counts`
 * (src/db/schema/case-writes.ts): the dashboard cache's fingerprint (src/admin/metrics/case-figures.ts). One row written per case
 * write (no secondary index); any insert, update or delete of a case, by any path (a command, the
 * SLA mirror, an event applier, a backfill), moves it in the same statement.
 */
const bump = (shop: string) =>
  `INSERT INTO case_write_counts (shop_id, writes) VALUES (${shop}, 1)
    ON CONFLICT (shop_id) DO UPDATE SET writes = writes + 1;`;

const trigger = (name: string, on: string, body: string[]) =>
  `CREATE TRIGGER ${name} ${on}\nBEGIN\n  ${body.join('\n  ')}\nEND;`;

export function caseWritesTriggersSql(): string {
  return [
    trigger('case_writes_insert', 'AFTER INSERT ON cases', [bump('NEW.shop_id')]),
    trigger('case_writes_update', 'AFTER UPDATE ON cases', [bump('NEW.shop_id')]),
    // A case moved between shops (never done today) changes both shops' figures.
    trigger('case_writes_update_shop', 'AFTER UPDATE OF shop_id ON cases WHEN OLD.shop_id <> NEW.shop_id', [
      bump('OLD.shop_id'),
    ]),
    // An update, not an upsert: shop/redact may have deleted the shop's count before its cases
    // (it deletes table by table), and a deleted case had a count from its insert.
    trigger('case_writes_delete', 'AFTER DELETE ON cases', [
      'UPDATE case_write_counts SET writes = writes + 1 WHERE shop_id = OLD.shop_id;',
    ]),
  ].join('\n--> statement-breakpoint\n');
}
