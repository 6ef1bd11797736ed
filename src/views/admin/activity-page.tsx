import type { ActivityEntry } from '../../admin/activity-feed';
import type { AdminKey } from '../../i18n/admin';
import { useAdmin, When } from './i18n';
import { AdminShell } from './shell';

export interface ActivityPageProps {
  shop: string;
  csrf: string;
  events: ActivityEntry[];
  /** The `before` of the next page; null on the last one. */
  next: string | null;
  /** True when this page is not the first (a link back to the latest). */
  paged: boolean;
}

function useActorName() {
  const { t } = useAdmin();
  return (e: ActivityEntry) => {
    if (e.actorName) return e.actorName;
    if (e.actor === 'operator' || e.actor === 'installer' || e.actor === 'system')
      return t(`activity.actor.${e.actor}`);
    return t('activity.actor.unknown', { id: e.actor });
  };
}

function Changes(props: { data: Record<string, unknown> }) {
  const { t } = useAdmin();
  const changes = props.data['changes'];
  const more = props.data['more'];
  if (!changes || typeof changes !== 'object') return <span class="muted">{t('common.none')}</span>;
  const entries = Object.entries(changes as Record<string, { from: unknown; to: unknown }>);
  if (entries.length === 0) return <span class="muted">{t('common.none')}</span>;
  const shown = (v: unknown) =>
    v === null || v === undefined || v === '' ? t('activity.blank') : typeof v === 'string' ? v : JSON.stringify(v);
  return (
    <ul class="changes">
      {entries.map(([field, c]) => (
        <li>
          <code>{field}</code>: <del>{shown(c.from)}</del> → <ins>{shown(c.to)}</ins>
        </li>
      ))}
      {typeof more === 'number' ? <li class="muted">{t('activity.more', { count: more })}</li> : null}
    </ul>
  );
}

function ActivityRow(props: { e: ActivityEntry }) {
  const { t } = useAdmin();
  const actorName = useActorName();
  const { e } = props;
  return (
    <tr>
      <td>
        <When at={e.at} />
      </td>
      <td>{actorName(e)}</td>
      <td>{t(`activity.type.${e.type}` as AdminKey, { subject: e.subject ?? t('common.none') })}</td>
      <td>
        <Changes data={e.data} />
      </td>
    </tr>
  );
}

/** The shop's audit trail: one row per change, newest first, older pages by a plain link. */
export function ActivityPage(props: ActivityPageProps) {
  const { t } = useAdmin();
  return (
    <AdminShell title={t('activity.title')} path="/admin/activity" shop={props.shop} csrf={props.csrf}>
      <h1>{t('activity.title')}</h1>
      <p class="muted">{t('activity.intro')}</p>
      <section class="card">
        {props.events.length === 0 ? (
          <p class="muted">{t('activity.empty')}</p>
        ) : (
          <table aria-label={t('activity.tableLabel')}>
            <tr>
              <th scope="col">{t('activity.col.when')}</th>
              <th scope="col">{t('activity.col.who')}</th>
              <th scope="col">{t('activity.col.what')}</th>
              <th scope="col">{t('activity.col.changes')}</th>
            </tr>
            {props.events.map((e) => (
              <ActivityRow e={e} />
            ))}
          </table>
        )}
      </section>
      {props.paged || props.next ? (
        <nav class="filters" aria-label={t('activity.title')}>
          {props.paged ? <a href="/admin/activity">{t('activity.latest')}</a> : null}
          {props.next ? (
            <a href={`/admin/activity?before=${encodeURIComponent(props.next)}`}>{t('activity.older')}</a>
          ) : null}
        </nav>
      ) : null}
    </AdminShell>
  );
}
