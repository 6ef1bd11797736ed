import type { QueueQuery, QueueRow } from '../../admin/queue';
import type { SlaMarker } from '../../admin/sla-marker';
import { caseStatuses, caseTypes, priorities } from '../../cases/vocabulary';
import { dateTime } from './format';
import { AdminShell, Csrf, Flash } from './shell';

export interface QueuePageProps {
  shop: string;
  csrf: string;
  query: QueueQuery;
  rows: Array<QueueRow & { sla: SlaMarker }>;
  /** Open cases in "Mine", "Unassigned" and "My team". */
  counts: { mine: number; unassigned: number; team: number };
  /** Member id → name, for the assignee column. */
  memberNames: Record<string, string>;
  more: boolean;
  notice?: string | undefined;
  error?: string | undefined;
}

function Select(props: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly string[];
  any?: string;
}) {
  return (
    <label>
      {props.label}
      <br />
      <select name={props.name}>
        {props.any !== undefined ? <option value="">{props.any}</option> : null}
        {props.options.map((o) => (
          <option value={o} selected={props.value === o}>
            {o.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
    </label>
  );
}

export function QueuePage(p: QueuePageProps) {
  const q = p.query;
  const params = (page: number) => {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...q, page })) if (v !== undefined && v !== '') u.set(k, String(v));
    return u.toString();
  };
  return (
    <AdminShell title="Case queue" path="/admin" shop={p.shop} csrf={p.csrf}>
      <h1>Case queue</h1>
      <Flash ok={p.notice} error={p.error} />
      <ViewTabs current={q.view} counts={p.counts} />
      {/* biome-ignore lint/a11y/useSemanticElements: a form with role=search is announced by every screen reader we test with; <search> is not in hono/jsx's element types */}
      <form method="get" action="/admin" class="filters" role="search">
        <input type="hidden" name="view" value={q.view} />
        <Select name="status" label="Status" value={q.status} options={['open', 'all', ...caseStatuses]} />
        <Select name="type" label="Type" value={q.type} options={caseTypes} any="any" />
        <Select name="priority" label="Priority" value={q.priority} options={priorities} any="any" />
        <Select
          name="tier"
          label="Tier"
          value={q.tier ? String(q.tier) : undefined}
          options={['1', '2', '3']}
          any="any"
        />
        <label>
          Tag
          <br />
          <input name="tag" size={10} value={q.tag ?? ''} />
        </label>
        <Select name="breached" label="SLA" value={q.breached} options={['true', 'false']} any="any" />
        <label>
          Search
          <br />
          <input name="q" type="search" size={22} placeholder="R-1001, #1001 or email" value={q.q ?? ''} />
        </label>
        <button type="submit">Filter</button>
        <a href="/admin/export/cases.csv">Export cases (CSV)</a>
      </form>
      <form method="post" action="/admin/cases/bulk">
        <Csrf token={p.csrf} />
        <table>
          <thead>
            <tr>
              <th>
                <span class="muted">Pick</span>
              </th>
              <th>Case</th>
              <th>Order</th>
              <th>Type</th>
              <th>Status</th>
              <th>Priority · tier</th>
              <th>SLA</th>
              <th>Tags</th>
              <th>Opened</th>
              <th>Assignee</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.length === 0 ? (
              <tr>
                <td colspan={10} class="muted">
                  No cases match.
                </td>
              </tr>
            ) : null}
            {p.rows.map((r) => (
              <tr data-case={r.id} data-sla={r.sla.kind}>
                <td>
                  <input type="checkbox" name="ids" value={r.id} aria-label={`Select R-${r.number}`} />
                </td>
                <td>
                  <a href={`/admin/cases/${r.id}`}>R-{r.number}</a>
                </td>
                <td>
                  {r.orderName ?? '—'}
                  <br />
                  <span class="muted">{r.email ?? ''}</span>
                </td>
                <td>{r.type}</td>
                <td>{r.status.replaceAll('_', ' ')}</td>
                <td>
                  {r.priority} · T{r.tier}
                </td>
                <td>
                  <span
                    class={`pill ${r.sla.kind === 'breach' ? 'breach' : r.sla.kind === 'warn' ? 'warn' : r.sla.kind === 'ok' ? 'ok' : ''}`}
                  >
                    {r.sla.kind === 'breach' ? '⚠ ' : r.sla.kind === 'warn' ? '⏱ ' : ''}
                    {r.sla.label}
                  </span>
                  {r.nextDueAt ? (
                    <>
                      <br />
                      <span class="muted">{dateTime(r.nextDueAt)}</span>
                    </>
                  ) : null}
                </td>
                <td>
                  {r.tags.map((t) => (
                    <span class="pill">{t}</span>
                  ))}
                </td>
                <td>{dateTime(r.createdAt)}</td>
                <td data-assignee={r.assignee ?? ''}>
                  {r.assignee ? (p.memberNames[r.assignee] ?? r.assignee) : <span class="muted">unassigned</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <button type="submit" name="action" value="approve">
            Approve selected
          </button>
        </p>
      </form>
      <p>
        {q.page > 1 ? <a href={`/admin?${params(q.page - 1)}`}>← Previous</a> : null}{' '}
        {p.more ? <a href={`/admin?${params(q.page + 1)}`}>Next →</a> : null}
      </p>
    </AdminShell>
  );
}

const viewLabels = { all: 'All', mine: 'Mine', unassigned: 'Unassigned', team: 'My team' } as const;

/** "All · Mine (3) · Unassigned (1) · My team (7)": plain links, so they work without JavaScript. */
function ViewTabs(props: { current: keyof typeof viewLabels; counts: QueuePageProps['counts'] }) {
  return (
    <nav aria-label="Queue views" class="filters">
      {(Object.keys(viewLabels) as (keyof typeof viewLabels)[]).map((v) => (
        <a href={`/admin?view=${v}`} aria-current={props.current === v ? 'page' : undefined} data-view={v}>
          {viewLabels[v]}
          {v === 'all' ? '' : ` (${props.counts[v]})`}
        </a>
      ))}
    </nav>
  );
}
