import type { Alert } from '../../review/alerts';
import { isoDate, pct } from './format';

const metricLabel: Record<string, string> = {
  defect_rate: 'defect/damage rate',
  return_rate: 'return rate',
  reason_rate: 'returns for this reason',
  sla_compliance: 'SLA compliance',
  satisfaction: 'satisfaction (CSAT)',
  inbound_volume: 'new cases a day',
};

const figure = (metric: string, v: number | null) =>
  metric === 'inbound_volume' ? (v === null ? '—' : String(Math.round(v * 10) / 10)) : pct(v);

/** The open early warnings, for the dashboard and the review page; nothing when there are none. */
export function OpenAlerts({ alerts }: { alerts: Alert[] }) {
  if (alerts.length === 0) return null;
  return (
    <section class="alert" aria-labelledby="warnings" data-alerts={String(alerts.length)}>
      <h2 id="warnings">Early warnings</h2>
      <ul>
        {alerts.map((a) => (
          <li data-alert={`${a.kind}:${a.subject}:${a.metric}`}>
            <strong>{a.kind === 'shop' ? 'Shop' : `${a.kind.toUpperCase()} ${a.subject}`}</strong>:{' '}
            {metricLabel[a.metric] ?? a.metric} {figure(a.metric, a.observed)} against {figure(a.metric, a.expected)}{' '}
            usually, since {isoDate(a.openedAt)}
          </li>
        ))}
      </ul>
    </section>
  );
}
