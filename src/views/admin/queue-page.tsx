import type { QueueQuery, QueueRow } from '../../admin/queue';
import type { SetupChecklist } from '../../admin/setup-checklist';
import type { SlaMarker } from '../../admin/sla-marker';
import { caseStatuses, caseTypes, priorities } from '../../cases/vocabulary';
import { useAdmin, When } from './i18n';
import { AdminShell, Csrf, Flash } from './shell';
import { SetupCard } from './setup-page';
import { slaMarkerText, word } from './words';
import { adminKeysScript } from '../inline-scripts';
import { KeysToggle } from './keys-toggle';

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
  /** The first-run checklist, while steps are open and nobody skipped it (managers and owners only). */
  setup?: SetupChecklist | undefined;
}

function Select(props: {
  name: string;
  label: string;
  value: string | undefined;
  options: ReadonlyArray<readonly [string, string]>;
  any?: boolean;
}) {
  const { t } = useAdmin();
  return (
    <label>
      {props.label}
      <br />
      <select name={props.name}>
        {props.any ? <option value="">{t('vocab.any')}</option> : null}
        {props.options.map(([value, text]) => (
          <option value={value} selected={props.value === value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

function QueueFilters({ q }: { q: QueueQuery }) {
  const { t } = useAdmin();
  const words = (group: 'status' | 'type' | 'priority', values: readonly string[]) =>
    values.map((v) => [v, word(t, group, v)] as const);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role=search is announced by every screen reader we test with; <search> is not in hono/jsx's element types
    <form method="get" action="/admin" class="filters" role="search">
      <input type="hidden" name="view" value={q.view} />
      <Select
        name="status"
        label={t('queue.filter.status')}
        value={q.status}
        options={[['open', t('vocab.status.open')], ['all', t('vocab.status.all')], ...words('status', caseStatuses)]}
      />
      <Select name="type" label={t('queue.filter.type')} value={q.type} options={words('type', caseTypes)} any />
      <Select
        name="priority"
        label={t('queue.filter.priority')}
        value={q.priority}
        options={words('priority', priorities)}
        any
      />
      <Select
        name="tier"
        label={t('queue.filter.tier')}
        value={q.tier ? String(q.tier) : undefined}
        options={['1', '2', '3'].map((n) => [n, n] as const)}
        any
      />
      <label>
        {t('queue.filter.tag')}
        <br />
        <input name="tag" size={10} value={q.tag ?? ''} />
      </label>
      <Select
        name="breached"
        label={t('queue.filter.sla')}
        value={q.breached}
        options={[
          ['true', t('queue.filter.breached')],
          ['false', t('queue.filter.notBreached')],
        ]}
        any
      />
      <label>
        {t('queue.filter.search')}
        <br />
        <input name="q" type="search" size={22} placeholder={t('queue.filter.searchHint')} value={q.q ?? ''} />
      </label>
      <button type="submit">{t('queue.filter.submit')}</button>
      <a href="/admin/export/cases.csv">{t('queue.export')}</a>
    </form>
  );
}

const slaClass = { breach: 'breach', warn: 'warn', ok: 'ok', none: '' } as const;

function QueueRowView({ r, memberNames }: { r: QueuePageProps['rows'][number]; memberNames: Record<string, string> }) {
  const { t } = useAdmin();
  return (
    <tr data-case={r.id} data-sla={r.sla.kind}>
      <td>
        <input type="checkbox" name="ids" value={r.id} aria-label={t('queue.select', { number: r.number })} />
      </td>
      <td>
        <a href={`/admin/cases/${r.id}`} data-row-link>
          R-{r.number}
        </a>
      </td>
      <td>
        {r.orderName ?? t('common.none')}
        <br />
        <span class="muted">{r.email ?? ''}</span>
      </td>
      <td>{word(t, 'type', r.type)}</td>
      <td>{word(t, 'status', r.status)}</td>
      <td>
        {word(t, 'priority', r.priority)} · T{r.tier}
      </td>
      <td>
        <span class={`pill ${slaClass[r.sla.kind]}`}>
          {r.sla.kind === 'breach' ? '⚠ ' : r.sla.kind === 'warn' ? '⏱ ' : ''}
          {slaMarkerText(t, r.sla)}
        </span>
        {r.nextDueAt ? (
          <>
            <br />
            <span class="muted">
              <When at={r.nextDueAt} />
            </span>
          </>
        ) : null}
      </td>
      <td>
        {r.tags.map((tag) => (
          <span class="pill">{tag}</span>
        ))}
      </td>
      <td>
        <When at={r.createdAt} />
      </td>
      <td data-assignee={r.assignee ?? ''}>
        {r.assignee ? (memberNames[r.assignee] ?? r.assignee) : <span class="muted">{t('queue.unassigned')}</span>}
      </td>
    </tr>
  );
}

const columns = [
  'queue.col.case',
  'queue.col.order',
  'queue.col.type',
  'queue.col.status',
  'queue.col.priority',
  'queue.col.sla',
  'queue.col.tags',
  'queue.col.opened',
  'queue.col.assignee',
] as const;

export function QueuePage(p: QueuePageProps) {
  const { t } = useAdmin();
  const q = p.query;
  const params = (page: number) => {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...q, page })) if (v !== undefined && v !== '') u.set(k, String(v));
    return u.toString();
  };
  return (
    <AdminShell title={t('queue.title')} path="/admin" shop={p.shop} csrf={p.csrf}>
      <h1>{t('queue.title')}</h1>
      <Flash ok={p.notice} error={p.error} />
      {p.setup ? <SetupCard checklist={p.setup} csrf={p.csrf} /> : null}
      <ViewTabs current={q.view} counts={p.counts} />
      <QueueFilters q={q} />
      <form method="post" action="/admin/cases/bulk">
        <Csrf token={p.csrf} />
        <table>
          <thead>
            <tr>
              <th>
                <span class="muted">{t('queue.col.pick')}</span>
              </th>
              {columns.map((key) => (
                <th>{t(key)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.rows.length === 0 ? (
              <tr>
                <td colspan={10} class="muted">
                  {t('queue.empty')}
                </td>
              </tr>
            ) : null}
            {p.rows.map((r) => (
              <QueueRowView r={r} memberNames={p.memberNames} />
            ))}
          </tbody>
        </table>
        <p>
          <button type="submit" name="action" value="approve">
            {t('queue.approveSelected')}
          </button>
        </p>
      </form>
      <p>
        {q.page > 1 ? <a href={`/admin?${params(q.page - 1)}`}>{t('queue.previous')}</a> : null}{' '}
        {p.more ? <a href={`/admin?${params(q.page + 1)}`}>{t('queue.next')}</a> : null}
      </p>
      <QueueKeys />
      <script dangerouslySetInnerHTML={{ __html: adminKeysScript }} />
    </AdminShell>
  );
}

const views = ['all', 'mine', 'unassigned', 'team'] as const;

/** "All · Mine (3) · Unassigned (1) · My team (7)": plain links, so they work without JavaScript. */
function ViewTabs(props: { current: (typeof views)[number]; counts: QueuePageProps['counts'] }) {
  const { t } = useAdmin();
  return (
    <nav aria-label={t('queue.views')} class="filters">
      {views.map((v) => (
        <a href={`/admin?view=${v}`} aria-current={props.current === v ? 'page' : undefined} data-view={v}>
          {t(`queue.view.${v}`)}
          {v === 'all' ? '' : ` (${props.counts[v]})`}
        </a>
      ))}
    </nav>
  );
}

/** The queue's keys (they need the script; without it Tab and Enter do the same). */
function QueueKeys() {
  const { t } = useAdmin();
  const keys = [
    ['?', 'case.keys.help'],
    ['J', 'queue.keys.next'],
    ['K', 'queue.keys.previous'],
    ['Enter', 'queue.keys.open'],
  ] as const;
  return (
    <details class="shortcuts" id="keys-help">
      <summary>{t('case.keys.summary')}</summary>
      <p class="muted">{t('queue.keys.how')}</p>
      <KeysToggle />
      <dl>
        {keys.map(([key, label]) => (
          <>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </>
        ))}
      </dl>
    </details>
  );
}
