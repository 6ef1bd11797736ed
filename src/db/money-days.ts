/**
 * The triggers that keep `case_money_days` (src/db/schema/rollups.ts) equal to the live `moneyKept` query: a
 * resolved or closed case adds 1 case, its fee and (resolution `exchange`) its items' value to its
 * (UTC day, currency) row. A case write that changes any of those takes the OLD case's share off
 * and puts the NEW one on; an item written to such a case moves the exchanged value alone. Same
 * statement as the write, whoever writes (see reason-days.ts for why triggers).
 */
import { DAY_MS } from '../lib/durations';
const counted = (v: string) => `${v}.status IN ('resolved', 'closed')`;

const upsert = (
  select: string,
) => `INSERT INTO case_money_days (shop_id, day, currency, cases, exchanged_minor, fees_minor)
  ${select}
  ON CONFLICT (shop_id, day, currency) DO UPDATE SET cases = cases + excluded.cases,
    exchanged_minor = exchanged_minor + excluded.exchanged_minor, fees_minor = fees_minor + excluded.fees_minor;`;

/** One version of a case row, whole: its count, fee and exchanged items. */
function caseShare(sign: 1 | -1, v: 'OLD' | 'NEW'): string {
  const n = (e: string) => (sign === 1 ? e : `-(${e})`);
  const exchanged = `CASE WHEN ${v}.resolution = 'exchange' THEN (SELECT COALESCE(SUM(ci.unit_price_minor * ci.quantity), 0) FROM case_items ci WHERE ci.shop_id = ${v}.shop_id AND ci.case_id = ${v}.id) ELSE 0 END`;
  return upsert(
    `SELECT ${v}.shop_id, ${v}.created_at / ${DAY_MS}, ${v}.currency, ${n('1')}, ${n(exchanged)}, ${n(`${v}.fee_minor`)} WHERE ${counted(v)}`,
  );
}

/** One version of an item row: its value on its case's row when that case counts as an exchange. */
function itemShare(sign: 1 | -1, v: 'OLD' | 'NEW'): string {
  const value = `${v}.unit_price_minor * ${v}.quantity`;
  return upsert(`SELECT c.shop_id, c.created_at / ${DAY_MS}, c.currency, 0, ${sign === 1 ? value : `-(${value})`}, 0
    FROM cases c WHERE c.shop_id = ${v}.shop_id AND c.id = ${v}.case_id AND ${counted('c')} AND c.resolution = 'exchange'`);
}

const caseChanged = [
  `(${counted('OLD')}) <> (${counted('NEW')})`,
  'OLD.resolution IS NOT NEW.resolution',
  'OLD.fee_minor IS NOT NEW.fee_minor',
  'OLD.currency IS NOT NEW.currency',
  `OLD.created_at / ${DAY_MS} <> NEW.created_at / ${DAY_MS}`,
  'OLD.shop_id <> NEW.shop_id',
  'OLD.id <> NEW.id',
];

const trigger = (name: string, on: string, body: string[]) =>
  `CREATE TRIGGER ${name} ${on}\nBEGIN\n  ${body.join('\n  ')}\nEND;`;

export function moneyDaysTriggersSql(): string {
  return [
    trigger('case_money_days_case_insert', `AFTER INSERT ON cases WHEN ${counted('NEW')}`, [caseShare(1, 'NEW')]),
    trigger(
      'case_money_days_case_update',
      `AFTER UPDATE OF status, resolution, fee_minor, currency, created_at, shop_id, id ON cases\n  WHEN ${caseChanged.join('\n    OR ')}`,
      [caseShare(-1, 'OLD'), caseShare(1, 'NEW')],
    ),
    trigger('case_money_days_case_delete', `AFTER DELETE ON cases WHEN ${counted('OLD')}`, [caseShare(-1, 'OLD')]),
    trigger('case_money_days_item_insert', `AFTER INSERT ON case_items`, [itemShare(1, 'NEW')]),
    trigger('case_money_days_item_delete', `AFTER DELETE ON case_items`, [itemShare(-1, 'OLD')]),
    trigger(
      'case_money_days_item_update',
      `AFTER UPDATE OF unit_price_minor, quantity, case_id, shop_id ON case_items`,
      [itemShare(-1, 'OLD'), itemShare(1, 'NEW')],
    ),
  ].join('\n--> statement-breakpoint\n');
}

/** Rebuilds one shop's rows from its cases (a backfill, and the reference the tests compare to). */
export function rebuildMoneyDaysSql(): string[] {
  return [
    `DELETE FROM case_money_days WHERE shop_id = ?1`,
    `INSERT INTO case_money_days (shop_id, day, currency, cases, exchanged_minor, fees_minor)
     SELECT c.shop_id, c.created_at / ${DAY_MS}, c.currency, COUNT(*),
       SUM(CASE WHEN c.resolution = 'exchange' THEN (SELECT COALESCE(SUM(ci.unit_price_minor * ci.quantity), 0) FROM case_items ci WHERE ci.shop_id = c.shop_id AND ci.case_id = c.id) ELSE 0 END),
       SUM(c.fee_minor)
     FROM cases c WHERE c.shop_id = ?1 AND ${counted('c')} GROUP BY 1, 2, 3`,
  ];
}
