/**
 * The triggers that keep `case_reason_days` (src/db/schema/rollups.ts) equal to the live reasons join, and the
 * statement that rebuilds it from scratch. Every trigger works the same way: take the contribution
 * of the touched cases as it was (subtract it), then as it is now (add it). A contribution is what
 * the dashboard's live queries would count for those cases: per (UTC day, key) the items' quantity
 * and the number of DISTINCT cases, for cases that are not rejected, with the product and title
 * read through the order line. Per-case distinct counts stay exact under subtraction because the
 * whole case is recomputed, never one item guessed at.
 *
 * Triggers, not application code: cases are written by commands, by seeds and tests in raw SQL, and
 * deleted by shop/redact; a trigger runs inside whichever statement wrote the row, so the rollup is
 * committed or rolled back with it. `scripts/db-triggers.ts` prints `reasonDaysTriggersSql()` and
 * `npm run db:generate` appends it to the migration (drizzle-kit has no triggers).
 */
import { DAY_MS } from '../lib/durations';
/** An items source: rows (shop_id, case_id, day, sku, reason, quantity, order_line_id, title). */
interface Contribution {
  items: string;
  /** The order line's product id and title as seen by this side (default: the joined row `l`). */
  product?: string;
  title?: string;
}

function upsert(sign: 1 | -1, c: Contribution): string {
  const src = `(${c.items}) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id`;
  const product = `COALESCE(${c.product ?? 'l.product_id'}, it.sku, '(unknown)')`;
  const title = `COALESCE(${c.title ?? 'l.title'}, it.title, '')`;
  const n = (e: string) => (sign === 1 ? e : `-${e}`);
  const cases = n('COUNT(DISTINCT it.case_id)');
  return `INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, ${n('SUM(it.quantity)')}, ${cases} FROM ${src} GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, ${product}, '', ${n('SUM(it.quantity)')}, ${cases} FROM ${src} GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, ${product}, ${title}, ${n('COUNT(*)')}, 0 FROM ${src} GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', ${n('SUM(it.quantity)')}, ${cases} FROM ${src} GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;`;
}

const itemCols = `ci.shop_id, ci.case_id, c.created_at / ${DAY_MS} AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title`;
const counted = `JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'`;

/** The items of one case (as the table holds them now), optionally without one item. */
const caseItems = (shop: string, caseId: string, without?: string) =>
  `SELECT ${itemCols} FROM case_items ci ${counted} WHERE ci.shop_id = ${shop} AND ci.case_id = ${caseId}${without ? ` AND ci.id <> ${without}` : ''}`;

/** The same case with the OLD version of one item put back (delete / update triggers). */
const withOldItem = (without?: string) =>
  `${caseItems('OLD.shop_id', 'OLD.case_id', without)}
   UNION ALL SELECT OLD.shop_id, OLD.case_id, c.created_at / ${DAY_MS}, OLD.sku, OLD.reason, OLD.quantity, OLD.order_line_id, OLD.title
     FROM cases c WHERE c.shop_id = OLD.shop_id AND c.id = OLD.case_id AND c.status <> 'rejected'`;

/** A case row's items with the day and membership of one version (OLD or NEW) of the case row. */
const caseRowItems = (v: 'OLD' | 'NEW') =>
  `SELECT ci.shop_id, ci.case_id, ${v}.created_at / ${DAY_MS} AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title
   FROM case_items ci WHERE ci.shop_id = ${v}.shop_id AND ci.case_id = ${v}.id AND ${v}.status <> 'rejected'`;

/** Every counted item of the cases that have an item on order line `v`.id. */
const lineCases = (v: 'OLD' | 'NEW') =>
  `SELECT ${itemCols} FROM case_items ci ${counted}
   WHERE ci.shop_id = ${v}.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = ${v}.shop_id AND x.order_line_id = ${v}.id)`;
/** How the line looked before: `OLD`'s values, or absent (an inserted line). */
const lineBefore = (v: 'OLD' | 'NEW', value: (col: string) => string) => (col: string) =>
  `CASE WHEN it.order_line_id = ${v}.id THEN ${value(col)} ELSE l.${col} END`;

const trigger = (name: string, on: string, body: string[]) =>
  `CREATE TRIGGER ${name} ${on}\nBEGIN\n  ${body.join('\n  ')}\nEND;`;

export function reasonDaysTriggersSql(): string {
  const absent = lineBefore('NEW', () => 'NULL');
  const old = lineBefore('OLD', (col) => `OLD.${col}`);
  return [
    trigger('case_reason_days_case_insert', `AFTER INSERT ON cases WHEN NEW.status <> 'rejected'`, [
      upsert(1, { items: caseRowItems('NEW') }),
    ]),
    trigger(
      'case_reason_days_case_update',
      `AFTER UPDATE OF status, created_at, shop_id, id ON cases
  WHEN (OLD.status = 'rejected') <> (NEW.status = 'rejected') OR OLD.created_at / ${DAY_MS} <> NEW.created_at / ${DAY_MS}
    OR OLD.shop_id <> NEW.shop_id OR OLD.id <> NEW.id`,
      [upsert(-1, { items: caseRowItems('OLD') }), upsert(1, { items: caseRowItems('NEW') })],
    ),
    trigger('case_reason_days_case_delete', `AFTER DELETE ON cases WHEN OLD.status <> 'rejected'`, [
      upsert(-1, { items: caseRowItems('OLD') }),
    ]),
    trigger('case_reason_days_item_insert', `AFTER INSERT ON case_items`, [
      upsert(-1, { items: caseItems('NEW.shop_id', 'NEW.case_id', 'NEW.id') }),
      upsert(1, { items: caseItems('NEW.shop_id', 'NEW.case_id') }),
    ]),
    trigger('case_reason_days_item_delete', `AFTER DELETE ON case_items`, [
      upsert(-1, { items: withOldItem() }),
      upsert(1, { items: caseItems('OLD.shop_id', 'OLD.case_id') }),
    ]),
    // An edited item (same case): its case as it was (the OLD item back in place of the row), then as it is.
    trigger(
      'case_reason_days_item_update',
      `AFTER UPDATE OF shop_id, case_id, order_line_id, sku, title, quantity, reason ON case_items
  WHEN OLD.shop_id = NEW.shop_id AND OLD.case_id = NEW.case_id`,
      [upsert(-1, { items: withOldItem('NEW.id') }), upsert(1, { items: caseItems('OLD.shop_id', 'OLD.case_id') })],
    ),
    // An item moved to another case: both cases, each as it was and as it is.
    trigger(
      'case_reason_days_item_move',
      `AFTER UPDATE OF shop_id, case_id ON case_items WHEN OLD.shop_id <> NEW.shop_id OR OLD.case_id <> NEW.case_id`,
      [
        upsert(-1, { items: withOldItem('NEW.id') }),
        upsert(1, { items: caseItems('OLD.shop_id', 'OLD.case_id') }),
        upsert(-1, { items: caseItems('NEW.shop_id', 'NEW.case_id', 'NEW.id') }),
        upsert(1, { items: caseItems('NEW.shop_id', 'NEW.case_id') }),
      ],
    ),
    trigger(
      'case_reason_days_line_insert',
      `AFTER INSERT ON order_lines WHEN EXISTS (SELECT 1 FROM case_items x WHERE x.shop_id = NEW.shop_id AND x.order_line_id = NEW.id)`,
      [
        upsert(-1, { items: lineCases('NEW'), product: absent('product_id'), title: absent('title') }),
        upsert(1, { items: lineCases('NEW') }),
      ],
    ),
    trigger(
      'case_reason_days_line_update',
      `AFTER UPDATE OF product_id, title ON order_lines WHEN OLD.product_id IS NOT NEW.product_id OR OLD.title IS NOT NEW.title`,
      [
        upsert(-1, { items: lineCases('OLD'), product: old('product_id'), title: old('title') }),
        upsert(1, { items: lineCases('NEW') }),
      ],
    ),
    trigger('case_reason_days_line_delete', `AFTER DELETE ON order_lines`, [
      upsert(-1, { items: lineCases('OLD'), product: old('product_id'), title: old('title') }),
      upsert(1, { items: lineCases('OLD') }),
    ]),
  ].join('\n--> statement-breakpoint\n');
}

/** Rebuilds one shop's rows from its cases (a backfill, and the reference the tests compare to). */
export function rebuildReasonDaysSql(): string[] {
  return [
    `DELETE FROM case_reason_days WHERE shop_id = ?1`,
    upsert(1, { items: `SELECT ${itemCols} FROM case_items ci ${counted} WHERE ci.shop_id = ?1` }).replace(/;$/, ''),
  ];
}
