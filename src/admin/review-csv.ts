/** The weekly review as CSV: one row per figure, `section` first, so a spreadsheet can filter it. */
import type { ReviewDocument } from '../review/review-store';
import { csvLine } from './csv';

const header = ['section', 'sku', 'reason', 'value', 'previous', 'change', 'four_week_average', 'detail'];

const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 60_000));

/** First-contact resolution and handling times (minutes) for the shop, then per member by name. */
function handlingRows(r: ReviewDocument): unknown[][] {
  if (!r.handling) return []; // a review kept before these figures existed
  const lines = [
    { who: 'all', h: r.handling.overall, section: '' },
    ...r.handling.byMember.map((m) => ({ who: m.name ?? 'unassigned', h: m, section: '_member' })),
  ];
  return lines.flatMap(({ who, h, section }) => [
    [
      `first_contact_resolution${section}`,
      null,
      null,
      h.firstContactRate,
      null,
      null,
      null,
      `${who}: ${h.firstContact}/${h.done} done`,
    ],
    [
      `first_reply_p50_min${section}`,
      null,
      null,
      minutes(h.firstReply.p50Ms),
      null,
      null,
      null,
      `${who}: ${h.firstReply.n} cases`,
    ],
    [`first_reply_p90_min${section}`, null, null, minutes(h.firstReply.p90Ms), null, null, null, who],
    [
      `resolution_p50_min${section}`,
      null,
      null,
      minutes(h.resolution.p50Ms),
      null,
      null,
      null,
      `${who}: ${h.resolution.n} cases`,
    ],
    [`resolution_p90_min${section}`, null, null, minutes(h.resolution.p90Ms), null, null, null, who],
  ]);
}

function rows(r: ReviewDocument): unknown[][] {
  const line = (section: string) => (p: ReviewDocument['topProblems'][number]) => [
    section,
    p.sku,
    p.reason,
    p.quantity,
    p.previous,
    p.change,
    p.fourWeekAverage,
    `${p.cases} cases`,
  ];
  const sat = r.satisfaction;
  return [
    ['volume', null, null, r.volume.cases, r.volume.previousCases, null, null, `${r.volume.orders} orders`],
    ['contact_rate', null, null, r.contactRate, null, null, null, null],
    ...r.topProblems.map(line('top_problem')),
    ...r.topReasons.map(line('reason')),
    ...r.newProblems.map(line('new_problem')),
    ['sla_compliance', null, null, r.sla.compliance, null, null, null, `${r.sla.breached} of ${r.sla.cases} breached`],
    ...r.sla.byTier.map((t) => [
      'sla_tier',
      null,
      null,
      t.compliance,
      null,
      null,
      null,
      `tier ${t.tier}: ${t.breached}/${t.cases}`,
    ]),
    ...r.sla.byMember.map((m) => [
      'sla_member',
      null,
      null,
      m.compliance,
      null,
      null,
      null,
      `${m.name ?? (m.member || 'unassigned')}: ${m.breached}/${m.cases}`,
    ]),
    ...handlingRows(r),
    ['csat', null, null, sat.csat.score, null, null, null, `${sat.csat.responses} responses`],
    ['nps', null, null, sat.nps.score, null, null, null, `${sat.nps.responses} responses`],
    ['ces', null, null, sat.ces.average, null, null, null, `${sat.ces.responses} responses`],
    ...sat.lowScores.map((l) => ['low_score', null, null, l.score, null, null, null, `${l.kind}: ${l.comment ?? ''}`]),
    ...r.money.flatMap((m) => [
      ['refunded', null, null, m.refunded, null, null, null, m.currency],
      ['store_credit', null, null, m.storeCredit, null, null, null, m.currency],
      ['exchanged', null, null, m.exchanged, null, null, null, m.currency],
      ['kept', null, null, m.kept, null, null, null, m.currency],
    ]),
    ...(r.cost ?? []).flatMap((c) => [
      ['cost_refunds', null, null, c.refunded, null, null, null, c.currency],
      ['cost_store_credit', null, null, c.storeCredit, null, null, null, c.currency],
      ['cost_labels', null, null, c.labels, null, null, null, `${c.currency}, ${c.labelCount} labels`],
      ['cost_total', null, null, c.total, null, null, null, c.currency],
    ]),
    ...r.skippedSteps.map((k) => [
      'skipped_step',
      null,
      null,
      k.skipped,
      null,
      null,
      null,
      `${k.label}: ${k.cases} cases`,
    ]),
    ...r.actionItems.map((a) => [
      'action_item',
      a.sku,
      a.reason,
      a.current,
      a.baseline,
      a.current - a.baseline,
      null,
      `${a.status}: ${a.title} (${a.owner}, due ${a.due})`,
    ]),
  ];
}

export function reviewCsv(review: ReviewDocument): string {
  return [header, ...rows(review)].map(csvLine).join('');
}
