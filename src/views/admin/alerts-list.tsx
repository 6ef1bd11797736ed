import { type AdminKey, adminCatalogs } from '../../i18n/admin';
import type { Alert } from '../../review/alerts';
import { useAdmin, When } from './i18n';

/** The open early warnings, for the dashboard and the review page; nothing when there are none. */
export function OpenAlerts({ alerts }: { alerts: Alert[] }) {
  const { t, number, percent } = useAdmin();
  if (alerts.length === 0) return null;
  const figure = (metric: string, v: number | null) =>
    v === null ? t('common.none') : metric === 'inbound_volume' ? number(v, 1) : percent(v);
  const metricLabel = (metric: string) => {
    const key = `alerts.metric.${metric}`;
    return key in adminCatalogs.en ? t(key as AdminKey) : metric;
  };
  return (
    <section class="alert" aria-labelledby="warnings" data-alerts={String(alerts.length)}>
      <h2 id="warnings">{t('alerts.title')}</h2>
      <ul>
        {alerts.map((a) => (
          <li data-alert={`${a.kind}:${a.subject}:${a.metric}`}>
            <strong>{a.kind === 'shop' ? t('alerts.shop') : `${a.kind.toUpperCase()} ${a.subject}`}</strong>:{' '}
            {t('alerts.line', {
              metric: metricLabel(a.metric),
              observed: figure(a.metric, a.observed),
              expected: figure(a.metric, a.expected),
              since: '{since}',
            })
              .split('{since}')
              .flatMap((part, i) => (i === 0 ? [part] : [<When at={a.openedAt} time={false} />, part]))}
          </li>
        ))}
      </ul>
    </section>
  );
}
