import type { EventSummary } from '../../events/admin-events';
import type { OutboxItem } from '../../notifications/outbox-queries';
import { dateTime } from './format';
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

export function OperationsPage(p: OperationsPageProps) {
  return (
    <AdminShell title="Operations" path="/admin/operations" shop={p.shop} csrf={p.csrf}>
      <h1>Operations</h1>
      <Flash ok={p.notice} error={p.error} />
      <p>
        Exports: <a href="/admin/export/cases.csv">all cases (CSV)</a> ·{' '}
        <a href="/admin/export/dashboard.csv">dashboard, last 30 days (CSV)</a>
      </p>
      <section class="card" aria-labelledby="events">
        <h2 id="events">Webhook events</h2>
        <form method="get" action="/admin/operations" class="filters">
          <label>
            Status{' '}
            <select name="events">
              {['failed', 'received', 'processed', 'ignored', 'all'].map((s) => (
                <option value={s} selected={p.eventStatus === s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="secondary">
            Show
          </button>
        </form>
        <table>
          <tr>
            <th>Received</th>
            <th>Source · topic</th>
            <th>Status</th>
            <th class="num">Attempts</th>
            <th>Last error</th>
            <th></th>
          </tr>
          {p.events.length === 0 ? (
            <tr>
              <td colspan={6} class="muted">
                No {p.eventStatus === 'all' ? '' : p.eventStatus} events.
              </td>
            </tr>
          ) : null}
          {p.events.map((e) => (
            <tr data-event-id={e.id} data-status={e.status}>
              <td>{dateTime(e.receivedAt)}</td>
              <td>
                {e.source} · {e.topic}
              </td>
              <td>
                <span class={`pill ${e.status === 'failed' ? 'breach' : e.status === 'processed' ? 'ok' : ''}`}>
                  {e.status}
                </span>
              </td>
              <td class="num">{e.attempts}</td>
              <td>{e.lastError ? <code>{e.lastError.slice(0, 200)}</code> : ''}</td>
              <td>
                <form method="post" action={`/admin/events/${e.id}/replay`} class="inline">
                  <Csrf token={p.csrf} />
                  <button type="submit" class="secondary">
                    Replay
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </table>
      </section>
      <section class="card" aria-labelledby="outbox">
        <h2 id="outbox">Outbox (newest first)</h2>
        <table>
          <tr>
            <th>Created</th>
            <th>Message</th>
            <th>To</th>
            <th>Status</th>
            <th>Error</th>
          </tr>
          {p.outbox.length === 0 ? (
            <tr>
              <td colspan={5} class="muted">
                Nothing sent yet.
              </td>
            </tr>
          ) : null}
          {p.outbox.map((n) => (
            <tr>
              <td>{dateTime(n.createdAt)}</td>
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
                  {n.status}
                </span>{' '}
                {n.attempts > 1 ? `(${n.attempts} tries)` : ''}
              </td>
              <td>{n.lastError ?? ''}</td>
            </tr>
          ))}
        </table>
      </section>
    </AdminShell>
  );
}
