/** The weekly review page's tables: problem lines (each with its action form), SLA, satisfaction, action items. */
import type { ProblemLine } from '../../review/figures';
import type { ReviewDocument } from '../../review/review-store';
import { money, pct } from './format';
import { Csrf } from './shell';

const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : String(Math.round(n * 10) / 10));

/** Opens an action item on one line: owner and due date; the line and its figure travel hidden. */
function ActionForm(props: { line: ProblemLine; week: string; csrf: string; dueDefault: string }) {
  const { line } = props;
  const subject = line.sku ? `${line.sku} (${line.reason})` : line.reason;
  return (
    <details>
      <summary>Open action</summary>
      <form method="post" action="/admin/review/actions" data-action-form={subject}>
        <Csrf token={props.csrf} />
        <input type="hidden" name="week" value={props.week} />
        <input type="hidden" name="sku" value={line.sku ?? ''} />
        <input type="hidden" name="reason" value={line.reason} />
        <input type="hidden" name="baseline" value={String(line.quantity)} />
        <label>
          Action <input name="title" required maxlength={200} value={`Check ${subject}`} />
        </label>
        <label>
          Owner <input name="owner" required maxlength={120} />
        </label>
        <label>
          Due <input type="date" name="due" required value={props.dueDefault} />
        </label>
        <button type="submit">Open action</button>
      </form>
    </details>
  );
}

export function ProblemTable(props: {
  lines: ProblemLine[];
  bySku: boolean;
  week: string;
  csrf: string;
  dueDefault: string;
  label: string;
}) {
  if (props.lines.length === 0) return <p class="muted">None this week.</p>;
  return (
    <table aria-label={props.label}>
      <tr>
        {props.bySku ? <th>SKU</th> : null}
        <th>Reason</th>
        <th class="num">Items</th>
        <th class="num">Cases</th>
        <th class="num">vs last week</th>
        <th class="num">vs 4-week avg</th>
        <th>Action</th>
      </tr>
      {props.lines.map((l) => (
        <tr data-problem={`${l.sku ?? ''}|${l.reason}`}>
          {props.bySku ? <td>{l.sku}</td> : null}
          <td>{l.reason}</td>
          <td class="num">{l.quantity}</td>
          <td class="num">{l.cases}</td>
          <td class="num">{signed(l.change)}</td>
          <td class="num">{signed(l.changeVsAverage)}</td>
          <td>
            <ActionForm line={l} week={props.week} csrf={props.csrf} dueDefault={props.dueDefault} />
          </td>
        </tr>
      ))}
    </table>
  );
}

export function SlaSection({ sla }: { sla: ReviewDocument['sla'] }) {
  const rows = [
    ...sla.byTier.map((t) => [`Tier ${t.tier}`, t] as const),
    ...sla.byMember.map((m) => [m.member || 'Unassigned', m] as const),
  ];
  return (
    <>
      <p>
        <strong data-metric="sla-compliance">{pct(sla.compliance)}</strong> of {sla.cases} cases met every target;{' '}
        {sla.breached} breached.
      </p>
      <table aria-label="SLA by tier and member">
        <tr>
          <th></th>
          <th class="num">Cases</th>
          <th class="num">Breached</th>
          <th class="num">Compliance</th>
        </tr>
        {rows.map(([label, r]) => (
          <tr>
            <td>{label}</td>
            <td class="num">{r.cases}</td>
            <td class="num">{r.breached}</td>
            <td class="num">{pct(r.compliance)}</td>
          </tr>
        ))}
      </table>
      {sla.breachedCaseIds.length > 0 ? (
        <p>
          Breached:{' '}
          {sla.breachedCaseIds.map((id) => (
            <>
              <a href={`/admin/cases/${id}`}>{id}</a>{' '}
            </>
          ))}
        </p>
      ) : null}
    </>
  );
}

export function SatisfactionSection({ s }: { s: ReviewDocument['satisfaction'] }) {
  return (
    <>
      <p>
        CSAT <strong>{s.csat.score ?? '—'}</strong> ({s.csat.responses}) · NPS <strong>{s.nps.score ?? '—'}</strong> (
        {s.nps.responses}) · CES <strong>{s.ces.average ?? '—'}</strong> ({s.ces.responses})
      </p>
      <ul>
        {s.lowScores.map((l) => (
          <li>
            {l.kind.toUpperCase()} {l.score}: {l.comment ?? <span class="muted">no comment</span>}
            {l.caseId ? (
              <>
                {' '}
                (<a href={`/admin/cases/${l.caseId}`}>case</a>)
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export function MoneySection({ rows }: { rows: ReviewDocument['money'] }) {
  if (rows.length === 0) return <p class="muted">No money moved this week.</p>;
  return (
    <ul>
      {rows.map((m) => (
        <li>
          Refunded {money(m.refunded, m.currency)} · store credit {money(m.storeCredit, m.currency)} · exchanged{' '}
          {money(m.exchanged, m.currency)} · fees {money(m.fees, m.currency)} · kept {money(m.kept, m.currency)}
        </li>
      ))}
    </ul>
  );
}

export function ActionItemsSection({ items, csrf }: { items: ReviewDocument['actionItems']; csrf: string }) {
  if (items.length === 0) return <p class="muted">No action items.</p>;
  return (
    <table aria-label="Action items">
      <tr>
        <th>Action</th>
        <th>Line</th>
        <th>Owner</th>
        <th>Due</th>
        <th class="num">When opened</th>
        <th class="num">This week</th>
        <th>Status</th>
      </tr>
      {items.map((a) => (
        <tr data-action-item={a.id}>
          <td>{a.title}</td>
          <td>{a.sku ? `${a.sku} · ${a.reason}` : a.reason}</td>
          <td>{a.owner}</td>
          <td>{a.due}</td>
          <td class="num">
            {a.baseline} <span class="muted">({a.week})</span>
          </td>
          <td class="num">{a.current}</td>
          <td>
            {a.status === 'open' ? (
              <form class="inline" method="post" action={`/admin/review/actions/${a.id}/close`}>
                <Csrf token={csrf} />
                <button class="secondary" type="submit">
                  Close
                </button>
              </form>
            ) : (
              'closed'
            )}
          </td>
        </tr>
      ))}
    </table>
  );
}
