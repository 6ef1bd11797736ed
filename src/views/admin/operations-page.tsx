import type { EventSummary } from '../../events/admin-events';
import { type AdminKey, adminCatalogs } from '../../i18n/admin';
import type { OutboxItem } from '../../notifications/outbox-queries';
import { useAdmin, When } from './i18n';
import { AdminShell, Csrf, Flash } from './shell';

export interface OperationsPageProps {
  shop: string;
  csrf: string;
  eventStatus: string;
  events: EventSummary[];
  outbox: OutboxItem[];
  notice?: string | undefined;
  error?: string | undefined;
}

const eventStatuses = ['failed', 'received', 'processed', 'ignored', 'all'] as const;

/** A status word from the catalog when it has one (`operations.event.failed`), else the stored value. */
function useStatusWord() {
  const { t } = useAdmin();
  return (group: 'event' | 'outbox', status: string) => {
    const key = `operations.${group}.${status}`;
    return key in adminCatalogs.en ? t(key as AdminKey) : status;
  };
}

function EventsCard(p: OperationsPageProps) {
  const { t } = useAdmin();
  const status = useStatusWord();
  return (
    <section class="card" aria-labelledby="events">
      <h2 id="events">{t('operations.events')}</h2>
      <form method="get" action="/admin/operations" class="filters">
        <label>
          {t('operations.status')}{' '}
          <select name="events">
            {eventStatuses.map((s) => (
              <option value={s} selected={p.eventStatus === s}>
                {status('event', s)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="secondary">
          {t('operations.show')}
        </button>
      </form>
      <table>
        <tr>
          <th>{t('operations.col.received')}</th>
          <th>{t('operations.col.topic')}</th>
          <th>{t('operations.col.status')}</th>
          <th class="num">{t('operations.col.attempts')}</th>
          <th>{t('operations.col.lastError')}</th>
          <th>{t('operations.col.action')}</th>
        </tr>
        {p.events.length === 0 ? (
          <tr>
            <td colspan={6} class="muted">
              {p.eventStatus === 'all'
                ? t('operations.noEvents')
                : t('operations.noEventsOf', { status: status('event', p.eventStatus) })}
            </td>
          </tr>
        ) : null}
        {p.events.map((e) => (
          <tr data-event-id={e.id} data-status={e.status}>
            <td>
              <When at={e.receivedAt} />
            </td>
            <td>
              {e.source} · {e.topic}
            </td>
            <td>
              <span class={`pill ${e.status === 'failed' ? 'breach' : e.status === 'processed' ? 'ok' : ''}`}>
                {status('event', e.status)}
              </span>
            </td>
            <td class="num">{e.attempts}</td>
            <td>{e.lastError ? <code>{e.lastError.slice(0, 200)}</code> : ''}</td>
            <td>
              <form method="post" action={`/admin/events/${e.id}/replay`} class="inline">
                <Csrf token={p.csrf} />
                <button type="submit" class="secondary">
                  {t('operations.replay')}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </table>
    </section>
  );
}

function OutboxCard({ outbox }: { outbox: OutboxItem[] }) {
  const { t } = useAdmin();
  const status = useStatusWord();
  return (
    <section class="card" aria-labelledby="outbox">
      <h2 id="outbox">{t('operations.outbox')}</h2>
      <table>
        <tr>
          <th>{t('operations.col.created')}</th>
          <th>{t('operations.col.message')}</th>
          <th>{t('operations.col.to')}</th>
          <th>{t('operations.col.status')}</th>
          <th>{t('operations.col.error')}</th>
        </tr>
        {outbox.length === 0 ? (
          <tr>
            <td colspan={5} class="muted">
              {t('operations.nothingSent')}
            </td>
          </tr>
        ) : null}
        {outbox.map((n) => (
          <tr>
            <td>
              <When at={n.createdAt} />
            </td>
            <td>
              <details>
                <summary>
                  {n.kind} · {n.subject}
                </summary>
                <pre>{n.bodyText}</pre>
              </details>
            </td>
            <td>{n.recipient}</td>
            <td>
              <span class={`pill ${n.status === 'failed' ? 'breach' : n.status === 'sent' ? 'ok' : ''}`}>
                {status('outbox', n.status)}
              </span>{' '}
              {n.attempts > 1 ? t('operations.tries', { n: n.attempts }) : ''}
            </td>
            <td>{n.lastError ?? ''}</td>
          </tr>
        ))}
      </table>
    </section>
  );
}

export function OperationsPage(p: OperationsPageProps) {
  const { t } = useAdmin();
  return (
    <AdminShell title={t('operations.title')} path="/admin/operations" shop={p.shop} csrf={p.csrf}>
      <h1>{t('operations.title')}</h1>
      <Flash ok={p.notice} error={p.error} />
      <p>
        {t('operations.exports')} <a href="/admin/export/cases.csv">{t('operations.exportCases')}</a> ·{' '}
        <a href="/admin/export/dashboard.csv">{t('operations.exportDashboard')}</a>
      </p>
      <EventsCard {...p} />
      <OutboxCard outbox={p.outbox} />
    </AdminShell>
  );
}
