/**
 * The triggers that keep `case_handling_days` and `case_time_days` (src/db/schema/handling.ts)
 * equal to the same figures read live from the cases: a case adds its share (counts, durations,
 * its CSAT answers) to its (UTC day opened, member) row; any write that changes the share takes the
 * OLD one off and puts the NEW one on, in the same statement, whoever writes. Replies and
 * reopenings are counted onto the case row (`agent_replies`, `reopens`) by a trigger on the case
 * event that records them, which then moves the share like any other case write; a CSAT answer
 * moves the CSAT part of its case's row.
 *
 * First-contact resolution (the review's definition): a case done (resolved or closed) that was
 * never reopened and needed at most one reply to the customer (a public reply or a request for
 * information). Handling times: first reply = first_responded_at − created_at; resolution =
 * (resolved_at, else closed_at) − created_at. Cases count on the day they were opened.
 */
import { DAY_MS } from '../lib/durations';

/** Replies to the customer: each one a contact the customer had to read and maybe answer. */
export const replyEventTypes = ['ReplySent', 'InfoRequested'] as const;

/** Upper bounds (minutes) of the duration buckets; the last bucket is everything from the last bound on. */
export const DURATION_BUCKETS_MIN = [
  1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 960, 1200, 1440, 1800, 2160, 2880, 3600, 4320,
  5760, 7200, 8640, 10080, 14400, 20160, 30240, 43200, 64800, 86400, 129600,
] as const;

export const bucketSql = (ms: string) =>
  `CASE ${DURATION_BUCKETS_MIN.map((m, i) => `WHEN ${ms} < ${m * 60_000} THEN ${i}`).join(' ')} ELSE ${DURATION_BUCKETS_MIN.length} END`;

const doneAt = (v: string) => `COALESCE(${v}.resolved_at, ${v}.closed_at)`;
const csat = (v: string, what: string) =>
  `(SELECT ${what} FROM surveys sv WHERE sv.shop_id = ${v}.shop_id AND sv.case_id = ${v}.id AND sv.kind = 'csat' AND sv.score IS NOT NULL)`;

/** Column → a case row's share (`v`: OLD, NEW or a table alias). */
export function handlingShare(v: string): Array<[string, string]> {
  const done = `(${doneAt(v)} IS NOT NULL)`;
  const sla = `(${v}.first_response_due_at IS NOT NULL)`;
  return [
    ['cases', '1'],
    ['done', done],
    ['first_contact', `(${done} AND ${v}.reopens = 0 AND ${v}.agent_replies <= 1)`],
    ['reopened', `(${v}.reopens > 0)`],
    ['replies', `${v}.agent_replies`],
    ['sla_cases', sla],
    ['breached', `(${sla} AND ${v}.breached <> 0)`],
    ['first_reply_n', `(${v}.first_responded_at IS NOT NULL)`],
    ['first_reply_ms', `COALESCE(${v}.first_responded_at - ${v}.created_at, 0)`],
    ['resolution_n', done],
    ['resolution_ms', `COALESCE(${doneAt(v)} - ${v}.created_at, 0)`],
    ['csat_n', csat(v, 'COUNT(*)')],
    ['csat_sum', csat(v, 'COALESCE(SUM(sv.score), 0)')],
    ['csat_satisfied', csat(v, 'COALESCE(SUM(sv.score >= 4), 0)')],
  ];
}

const columns = handlingShare('NEW').map(([c]) => c);
const key = (v: string) => `${v}.shop_id, ${v}.created_at / ${DAY_MS}, COALESCE(${v}.assignee_id, '')`;
const addAll = (cols: string[]) => cols.map((c) => `${c} = ${c} + excluded.${c}`).join(', ');
const neg = (sign: 1 | -1, e: string) => (sign === 1 ? e : `-(${e})`);

function caseShare(sign: 1 | -1, v: 'OLD' | 'NEW'): string {
  const share = handlingShare(v);
  return `INSERT INTO case_handling_days (shop_id, day, member, ${columns.join(', ')})
  SELECT ${key(v)}, ${share.map(([, e]) => neg(sign, e)).join(', ')} WHERE 1
  ON CONFLICT (shop_id, day, member) DO UPDATE SET ${addAll(columns)};`;
}

/** The case's two durations, each one count in its bucket (when it has one). */
export const durationsOf = (v: string): Array<[metric: string, ms: string, has: string]> => [
  ['first_reply', `${v}.first_responded_at - ${v}.created_at`, `${v}.first_responded_at IS NOT NULL`],
  ['resolution', `${doneAt(v)} - ${v}.created_at`, `${doneAt(v)} IS NOT NULL`],
];

function timeShare(sign: 1 | -1, v: 'OLD' | 'NEW'): string[] {
  return durationsOf(v).map(
    ([metric, ms, has]) => `INSERT INTO case_time_days (shop_id, day, member, metric, bucket, n, ms)
  SELECT ${key(v)}, '${metric}', ${bucketSql(ms)}, ${sign}, ${neg(sign, ms)} WHERE ${has}
  ON CONFLICT (shop_id, day, member, metric, bucket) DO UPDATE SET n = n + excluded.n, ms = ms + excluded.ms;`,
  );
}

/** A CSAT answer's part of its case's row. */
function csatShare(sign: 1 | -1, v: 'OLD' | 'NEW'): string {
  const parts: Array<[string, string]> = [
    ['csat_n', '1'],
    ['csat_sum', `${v}.score`],
    ['csat_satisfied', `(${v}.score >= 4)`],
  ];
  return `INSERT INTO case_handling_days (shop_id, day, member, ${parts.map(([c]) => c).join(', ')})
  SELECT ${key('c')}, ${parts.map(([, e]) => neg(sign, e)).join(', ')}
  FROM cases c WHERE c.shop_id = ${v}.shop_id AND c.id = ${v}.case_id AND ${v}.kind = 'csat' AND ${v}.score IS NOT NULL
  ON CONFLICT (shop_id, day, member) DO UPDATE SET ${addAll(parts.map(([c]) => c))};`;
}

const caseChanged = [
  'OLD.assignee_id IS NOT NEW.assignee_id',
  `OLD.created_at / ${DAY_MS} <> NEW.created_at / ${DAY_MS}`,
  'OLD.resolved_at IS NOT NEW.resolved_at',
  'OLD.closed_at IS NOT NEW.closed_at',
  'OLD.first_responded_at IS NOT NEW.first_responded_at',
  'OLD.first_response_due_at IS NOT NEW.first_response_due_at',
  'OLD.breached IS NOT NEW.breached',
  'OLD.agent_replies IS NOT NEW.agent_replies',
  'OLD.reopens IS NOT NEW.reopens',
  'OLD.shop_id <> NEW.shop_id',
  'OLD.id <> NEW.id',
];
const caseColumns =
  'assignee_id, created_at, resolved_at, closed_at, first_responded_at, first_response_due_at, breached, agent_replies, reopens, shop_id, id';

const trigger = (name: string, on: string, body: string[]) =>
  `CREATE TRIGGER ${name} ${on}\nBEGIN\n  ${body.join('\n  ')}\nEND;`;
const whole = (sign: 1 | -1, v: 'OLD' | 'NEW') => [caseShare(sign, v), ...timeShare(sign, v)];
const replyTypes = replyEventTypes.map((t) => `'${t}'`).join(', ');

export function handlingDaysTriggersSql(): string {
  return [
    trigger('case_handling_days_case_insert', 'AFTER INSERT ON cases', whole(1, 'NEW')),
    trigger(
      'case_handling_days_case_update',
      `AFTER UPDATE OF ${caseColumns} ON cases\n  WHEN ${caseChanged.join('\n    OR ')}`,
      [...whole(-1, 'OLD'), ...whole(1, 'NEW')],
    ),
    trigger('case_handling_days_case_delete', 'AFTER DELETE ON cases', whole(-1, 'OLD')),
    trigger('case_handling_counts_reply', `AFTER INSERT ON case_events WHEN NEW.type IN (${replyTypes})`, [
      'UPDATE cases SET agent_replies = agent_replies + 1 WHERE shop_id = NEW.shop_id AND id = NEW.case_id;',
    ]),
    trigger('case_handling_counts_reopen', `AFTER INSERT ON case_events WHEN NEW.type = 'CaseReopened'`, [
      'UPDATE cases SET reopens = reopens + 1 WHERE shop_id = NEW.shop_id AND id = NEW.case_id;',
    ]),
    trigger('case_handling_days_survey_insert', 'AFTER INSERT ON surveys', [csatShare(1, 'NEW')]),
    trigger('case_handling_days_survey_update', 'AFTER UPDATE OF score, kind, case_id, shop_id ON surveys', [
      csatShare(-1, 'OLD'),
      csatShare(1, 'NEW'),
    ]),
    trigger('case_handling_days_survey_delete', 'AFTER DELETE ON surveys', [csatShare(-1, 'OLD')]),
  ].join('\n--> statement-breakpoint\n');
}

/** A rebuild's key: the shop, the UTC day opened, the member. */
export const dayMemberKeys = ['c.shop_id', `c.created_at / ${DAY_MS}`, "COALESCE(c.assignee_id, '')"];
const groupBy = (keys: string[], extra = 0) => Array.from({ length: keys.length + extra }, (_, i) => i + 1).join(', ');

/** The summed share of the cases `c` matching `where`, grouped by `keys`: a rebuild's rows, a range's live edges. */
export const handlingLiveSql = (where: string, keys: string[] = dayMemberKeys) =>
  `SELECT ${keys.join(', ')}, ${handlingShare('c')
    .map(([col, e]) => `SUM(${e}) AS ${col}`)
    .join(', ')}
   FROM cases c WHERE ${where} GROUP BY ${groupBy(keys)}`;

/** The same for the duration buckets: (keys…, metric, bucket, n, ms). */
export const timesLiveSql = (where: string, keys: string[] = dayMemberKeys) =>
  durationsOf('c')
    .map(
      ([metric, ms, has]) =>
        `SELECT ${keys.join(', ')}, '${metric}' AS metric, ${bucketSql(ms)} AS bucket, COUNT(*) AS n, SUM(${ms}) AS ms
   FROM cases c WHERE ${where} AND ${has} GROUP BY ${groupBy(keys, 2)}`,
    )
    .join('\n  UNION ALL ');

/** Rebuilds one shop's rows from its cases (a backfill, and the reference the tests compare to). */
export function rebuildHandlingDaysSql(): string[] {
  return [
    `DELETE FROM case_handling_days WHERE shop_id = ?1`,
    `DELETE FROM case_time_days WHERE shop_id = ?1`,
    `INSERT INTO case_handling_days (shop_id, day, member, ${columns.join(', ')}) ${handlingLiveSql('c.shop_id = ?1')}`,
    `INSERT INTO case_time_days (shop_id, day, member, metric, bucket, n, ms) ${timesLiveSql('c.shop_id = ?1')}`,
  ];
}
