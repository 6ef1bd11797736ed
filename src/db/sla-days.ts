/**
 * The triggers that keep `case_sla_days` (src/db/schema/rollups.ts) equal to summing the live per-case SLA flags
 * (`targetCountsSql`, src/sla/metrics.ts): a case that ran a clock adds its flags to its (UTC day,
 * priority, tier) row; any write that changes a flag, the day, the priority or the tier takes the
 * OLD flags off and puts the NEW ones on, in the same statement (the CaseClock's mirror writes, the
 * escalation's priority bumps, commands, seeds and shop/redact alike). No distinct counts here: a
 * case is one row's worth of 0/1 flags.
 */
import { DAY_MS } from '../lib/durations';
const breachedSql = (v: string, target: string) => `(instr(${v}.breaches, '"${target}"') > 0)`;

/** Column → the OLD or NEW case row's flag (the same definitions as targetCountsSql's). */
function flags(v: 'OLD' | 'NEW'): Array<[string, string]> {
  const responded = `(${v}.first_responded_at IS NOT NULL)`;
  const done = `(COALESCE(${v}.resolved_at, ${v}.closed_at) IS NOT NULL)`;
  const fr = breachedSql(v, 'first_response');
  const nu = breachedSql(v, 'next_update');
  const res = breachedSql(v, 'resolution');
  return [
    ['cases', '1'],
    ['breached', `(${v}.breached <> 0)`],
    ['fr_met', `(${responded} AND NOT ${fr})`],
    ['fr_breached', fr],
    ['nu_met', `(${responded} AND ${done} AND NOT ${nu})`],
    ['nu_breached', nu],
    ['nu_applicable', responded],
    ['res_met', `(${done} AND NOT ${res})`],
    ['res_breached', res],
    ['ttfr_n', responded],
    ['ttr_n', `(${v}.resolved_at IS NOT NULL)`],
  ];
}

function upsert(sign: 1 | -1, v: 'OLD' | 'NEW'): string {
  const f = flags(v);
  return `INSERT INTO case_sla_days (shop_id, day, priority, tier, ${f.map(([c]) => c).join(', ')})
  SELECT ${v}.shop_id, ${v}.created_at / ${DAY_MS}, ${v}.priority, ${v}.tier, ${f.map(([, e]) => (sign === 1 ? e : `-${e}`)).join(', ')}
  WHERE ${v}.first_response_due_at IS NOT NULL
  ON CONFLICT (shop_id, day, priority, tier) DO UPDATE SET ${f.map(([c]) => `${c} = ${c} + excluded.${c}`).join(', ')};`;
}

const changed = [
  '(OLD.first_response_due_at IS NULL) <> (NEW.first_response_due_at IS NULL)',
  '(OLD.first_responded_at IS NULL) <> (NEW.first_responded_at IS NULL)',
  '(OLD.resolved_at IS NULL) <> (NEW.resolved_at IS NULL)',
  '(OLD.closed_at IS NULL) <> (NEW.closed_at IS NULL)',
  'OLD.breaches IS NOT NEW.breaches',
  'OLD.breached IS NOT NEW.breached',
  'OLD.priority IS NOT NEW.priority',
  'OLD.tier IS NOT NEW.tier',
  `OLD.created_at / ${DAY_MS} <> NEW.created_at / ${DAY_MS}`,
  'OLD.shop_id <> NEW.shop_id',
];

export function slaDaysTriggersSql(): string {
  return [
    `CREATE TRIGGER case_sla_days_insert AFTER INSERT ON cases WHEN NEW.first_response_due_at IS NOT NULL\nBEGIN\n  ${upsert(1, 'NEW')}\nEND;`,
    `CREATE TRIGGER case_sla_days_update AFTER UPDATE OF first_response_due_at, first_responded_at, resolved_at, closed_at, breaches, breached, priority, tier, created_at, shop_id ON cases
  WHEN ${changed.join('\n    OR ')}\nBEGIN\n  ${upsert(-1, 'OLD')}\n  ${upsert(1, 'NEW')}\nEND;`,
    `CREATE TRIGGER case_sla_days_delete AFTER DELETE ON cases WHEN OLD.first_response_due_at IS NOT NULL\nBEGIN\n  ${upsert(-1, 'OLD')}\nEND;`,
  ].join('\n--> statement-breakpoint\n');
}

/** Rebuilds one shop's rows from its cases (a backfill, and the reference the tests compare to). */
export function rebuildSlaDaysSql(): string[] {
  const f = flags('NEW').map(([c, e]) => [c, e.replaceAll('NEW.', '')] as const);
  return [
    `DELETE FROM case_sla_days WHERE shop_id = ?1`,
    `INSERT INTO case_sla_days (shop_id, day, priority, tier, ${f.map(([c]) => c).join(', ')})
     SELECT shop_id, created_at / ${DAY_MS}, priority, tier, ${f.map(([, e]) => `SUM(${e})`).join(', ')}
     FROM cases WHERE shop_id = ?1 AND first_response_due_at IS NOT NULL GROUP BY 1, 2, 3, 4`,
  ];
}
