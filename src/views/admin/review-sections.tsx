/** The weekly review page's tables: problem lines (each with its action form), SLA, satisfaction, action items. */
import type { ProblemLine } from '../../review/figures';
import type { ReviewDocument } from '../../review/review-store';
import type { AdminFormatter } from '../../i18n/admin';
import { useAdmin } from './i18n';
import { Csrf } from './shell';

const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : String(Math.round(n * 10) / 10));
const share = (f: AdminFormatter, v: number | null) => (v === null ? f.t('common.none') : f.percent(v));

/** Opens an action item on one line: owner and due date; the line and its figure travel hidden. */
function ActionForm(props: { line: ProblemLine; week: string; csrf: string; dueDefault: string }) {
  const { t } = useAdmin();
  const { line } = props;
  const subject = line.sku ? `${line.sku} (${line.reason})` : line.reason;
  return (
    <details>
      <summary>{t('review.action.open')}</summary>
      <form method="post" action="/admin/review/actions" data-action-form={subject}>
        <Csrf token={props.csrf} />
        <input type="hidden" name="week" value={props.week} />
        <input type="hidden" name="sku" value={line.sku ?? ''} />
        <input type="hidden" name="reason" value={line.reason} />
        <input type="hidden" name="baseline" value={String(line.quantity)} />
        <label>
          {t('review.action.title')}{' '}
          <input name="title" required maxlength={200} value={t('review.action.defaultTitle', { subject })} />
        </label>
        <label>
          {t('review.action.owner')} <input name="owner" required maxlength={120} />
        </label>
        <label>
          {t('review.action.due')} <input type="date" name="due" required value={props.dueDefault} />
        </label>
        <button type="submit">{t('review.action.open')}</button>
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
  const { t } = useAdmin();
  if (props.lines.length === 0) return <p class="muted">{t('review.noneThisWeek')}</p>;
  return (
    <table aria-label={props.label}>
      <tr>
        {props.bySku ? <th>{t('review.col.sku')}</th> : null}
        <th>{t('review.col.reason')}</th>
        <th class="num">{t('review.col.items')}</th>
        <th class="num">{t('review.col.cases')}</th>
        <th class="num">{t('review.col.vsLastWeek')}</th>
        <th class="num">{t('review.col.vsAverage')}</th>
        <th>{t('review.col.action')}</th>
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
  const f = useAdmin();
  const { t } = f;
  const rows = [
    ...sla.byTier.map((x) => [t('review.tier', { tier: x.tier }), x] as const),
    // A review kept before names were recorded has ids only.
    ...sla.byMember.map((m) => [m.name ?? (m.member || t('review.unassigned')), m] as const),
  ];
  return (
    <>
      <p>
        <strong data-metric="sla-compliance">{share(f, sla.compliance)}</strong>{' '}
        {t('review.sla.met', { cases: sla.cases, breached: sla.breached })}
      </p>
      <table aria-label={t('review.sla.table')}>
        <tr>
          <th></th>
          <th class="num">{t('review.col.cases')}</th>
          <th class="num">{t('review.col.breached')}</th>
          <th class="num">{t('review.col.compliance')}</th>
        </tr>
        {rows.map(([label, r]) => (
          <tr>
            <td>{label}</td>
            <td class="num">{r.cases}</td>
            <td class="num">{r.breached}</td>
            <td class="num">{share(f, r.compliance)}</td>
          </tr>
        ))}
      </table>
      {sla.breachedCaseIds.length > 0 ? (
        <p>
          {t('review.breachedCases')}{' '}
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
  const { t } = useAdmin();
  return (
    <>
      <p>
        CSAT <strong>{s.csat.score ?? '—'}</strong> ({s.csat.responses}) · NPS <strong>{s.nps.score ?? '—'}</strong> (
        {s.nps.responses}) · CES <strong>{s.ces.average ?? '—'}</strong> ({s.ces.responses})
      </p>
      <ul>
        {s.lowScores.map((l) => (
          <li>
            {l.kind.toUpperCase()} {l.score}: {l.comment ?? <span class="muted">{t('review.noComment')}</span>}
            {l.caseId ? (
              <>
                {' '}
                (<a href={`/admin/cases/${l.caseId}`}>{t('review.case')}</a>)
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export function MoneySection({ rows }: { rows: ReviewDocument['money'] }) {
  const f = useAdmin();
  if (rows.length === 0) return <p class="muted">{f.t('review.money.none')}</p>;
  const money = (amount: number, currency: string) => f.money({ amount, currency });
  return (
    <ul>
      {rows.map((m) => (
        <li>
          {f.t('review.money.line', {
            refunded: money(m.refunded, m.currency),
            credit: money(m.storeCredit, m.currency),
            exchanged: money(m.exchanged, m.currency),
            fees: money(m.fees, m.currency),
            kept: money(m.kept, m.currency),
          })}
        </li>
      ))}
    </ul>
  );
}

export function ActionItemsSection({ items, csrf }: { items: ReviewDocument['actionItems']; csrf: string }) {
  const { t } = useAdmin();
  if (items.length === 0) return <p class="muted">{t('review.items.none')}</p>;
  return (
    <table aria-label={t('review.actions')}>
      <tr>
        <th>{t('review.action.title')}</th>
        <th>{t('review.items.line')}</th>
        <th>{t('review.action.owner')}</th>
        <th>{t('review.action.due')}</th>
        <th class="num">{t('review.items.whenOpened')}</th>
        <th class="num">{t('review.items.thisWeek')}</th>
        <th>{t('review.items.status')}</th>
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
                  {t('review.items.close')}
                </button>
              </form>
            ) : (
              t('review.items.closed')
            )}
          </td>
        </tr>
      ))}
    </table>
  );
}
