import type { CaseDetail } from '../../admin/case-detail';
import { type AdminKey, adminCatalogs } from '../../i18n/admin';
import { merchantEventLabel } from './event-labels';
import { useAdmin, When } from './i18n';

/** Every event on the case, who did it and when; then the emails the case sent. */
export function Timeline({ d, names }: { d: CaseDetail; names: Record<string, string> }) {
  const { t } = useAdmin();
  const label = (type: string) => {
    const key = `case.event.${type}`;
    return key in adminCatalogs.en ? t(key as AdminKey) : merchantEventLabel(type);
  };
  const status = (s: string | null) => (s ? t(`case.status.${s}` as AdminKey) : '∅');
  return (
    <section class="card" aria-labelledby="timeline">
      <h2 id="timeline">{t('case.timeline')}</h2>
      <ol class="timeline">
        {d.events.map((e) => (
          <li data-event={e.type}>
            <strong>{label(e.type)}</strong> · {names[e.actor] ?? e.actor} · <When at={e.at} />
            {e.fromStatus !== e.toStatus && (e.fromStatus || e.toStatus)
              ? ` · ${status(e.fromStatus)} → ${status(e.toStatus)}`
              : ''}
            {e.reason ? (
              <>
                <br />
                {e.reason}
              </>
            ) : null}
          </li>
        ))}
      </ol>
      <h3>{t('case.outbox')}</h3>
      {d.notifications.length === 0 ? <p class="muted">{t('case.none')}</p> : null}
      <ul>
        {d.notifications.map((n) => (
          <li>
            <When at={n.createdAt} /> · {n.kind} → {n.recipient}: “{n.subject}” <span class="pill">{n.status}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
