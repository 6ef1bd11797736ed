import type { DashboardMetrics } from '../../admin/metrics/dashboard-metrics';
import { intlLocale } from '../../i18n/locales';
import { reasonLabel } from '../../i18n/reason-labels';
import type { Alert } from '../../review/alerts';
import { OpenAlerts } from './alerts-list';
import { BarChart, LineChart, Ring } from './charts';
import { isoDate } from './format';
import { useAdmin } from './i18n';
import { AdminShell } from './shell';
import { TeamFigures, type TeamFiguresData } from './team-figures';
import { spokenDuration, word } from './words';

export interface DashboardPageProps {
  m: DashboardMetrics;
  /** Per member and tier (src/team/member-figures.ts). */
  team?: TeamFiguresData | undefined;
  shop: string;
  csrf: string;
  /** Open early warnings, shown above the figures. */
  alerts?: Alert[];
}

type M = { m: DashboardMetrics };

/** `null` reads as a dash; otherwise the member's percent. */
function usePct() {
  const { percent, t } = useAdmin();
  return (v: number | null, digits = 1) => (v === null ? t('common.none') : percent(v, digits));
}

function ReturnRate({ m }: M) {
  const { t } = useAdmin();
  const pct = usePct();
  const r = m.returnRate;
  return (
    <section class="card" aria-labelledby="rr">
      <h2 id="rr">{t('dashboard.returnRate')}</h2>
      <p class="kpi" data-metric="order-return-rate">
        {pct(r.orderRate)}
      </p>
      <p>
        {t('dashboard.returnRate.orders', { returned: r.returnedOrders, total: r.orders })}{' '}
        <strong data-metric="item-return-rate">{pct(r.itemRate)}</strong>{' '}
        {t('dashboard.returnRate.items', { returned: r.returnedItems, total: r.items })}
      </p>
    </section>
  );
}

function Deflection({ m }: M) {
  const { t } = useAdmin();
  const pct = usePct();
  const d = m.deflection;
  return (
    <section class="card" aria-labelledby="deflection">
      <h2 id="deflection">{t('dashboard.deflection')}</h2>
      <p class="kpi" data-metric="deflection-rate">
        {pct(d.rate)}
      </p>
      <p>
        <strong data-metric="deflected">{d.answeredWithoutCase}</strong>{' '}
        {t('dashboard.deflection.detail', {
          questions: d.questions,
          views: d.articleViews,
          helpful: d.helpful,
          notHelpful: d.notHelpful,
        })}
      </p>
    </section>
  );
}

function SlaTimes({ m }: M) {
  const { t } = useAdmin();
  const row = (key: 'dashboard.sla.firstResponse' | 'dashboard.sla.resolution', p: typeof m.sla.resolution) => (
    <tr>
      <td>{t(key)}</td>
      <td class="num">{spokenDuration(t, p.p50Ms)}</td>
      <td class="num">{spokenDuration(t, p.p90Ms)}</td>
      <td class="num">{p.n}</td>
    </tr>
  );
  return (
    <table>
      <tr>
        <td></td>
        <th class="num">{t('dashboard.sla.median')}</th>
        <th class="num">{t('dashboard.sla.p90')}</th>
        <th class="num">{t('dashboard.sla.n')}</th>
      </tr>
      {row('dashboard.sla.firstResponse', m.sla.firstResponse)}
      {row('dashboard.sla.resolution', m.sla.resolution)}
    </table>
  );
}

function SlaCard({ m }: M) {
  const { t } = useAdmin();
  const pct = usePct();
  return (
    <section class="card" aria-labelledby="sla">
      <h2 id="sla">{t('dashboard.sla')}</h2>
      <Ring title={t('dashboard.sla')} share={m.sla.compliance} />
      <p>{t('dashboard.sla.breached', { breached: m.sla.breached, cases: m.sla.casesWithTargets })}</p>
      <SlaTimes m={m} />
      {m.sla.targets ? (
        <table>
          <tr>
            <th>{t('dashboard.sla.target')}</th>
            <th class="num">{t('dashboard.sla.met')}</th>
            <th class="num">{t('dashboard.sla.breachedCol')}</th>
            <th class="num">{t('dashboard.sla.share')}</th>
          </tr>
          {Object.entries(m.sla.targets).map(([target, f]) => (
            <tr>
              <td>{word(t, 'target', target)}</td>
              <td class="num">{f.met}</td>
              <td class="num">{f.breached}</td>
              <td class="num">{pct(f.share, 0)}</td>
            </tr>
          ))}
        </table>
      ) : null}
      {m.sla.byPriority.length > 1 ? (
        <p class="muted">
          {t('dashboard.sla.byPriority')}{' '}
          {m.sla.byPriority
            .map((g) =>
              t('dashboard.sla.priorityInTime', {
                priority: word(t, 'priority', g.group),
                share: pct(g.targets.resolution?.share ?? null, 0),
              }),
            )
            .join(' · ')}
        </p>
      ) : null}
    </section>
  );
}

const moneyRows = [
  ['dashboard.money.refunded', 'refunded'],
  ['dashboard.money.exchanged', 'exchanged'],
  ['dashboard.money.storeCredit', 'storeCredit'],
  ['dashboard.money.fees', 'fees'],
] as const;

function MoneyCard({ m }: M) {
  const { t, money } = useAdmin();
  return (
    <section class="card" aria-labelledby="money">
      <h2 id="money">{t('dashboard.money')}</h2>
      {m.money.length === 0 ? <p class="muted">{t('dashboard.money.none')}</p> : null}
      {m.money.map((x) => (
        <table>
          {moneyRows.map(([key, field]) => (
            <tr>
              <td>{t(key)}</td>
              <td class="num">{money({ amount: x[field], currency: x.currency })}</td>
            </tr>
          ))}
          <tr>
            <th>{t('dashboard.money.kept')}</th>
            <th class="num">{money({ amount: x.kept, currency: x.currency })}</th>
          </tr>
        </table>
      ))}
    </section>
  );
}

function SatisfactionCard({ m }: M) {
  const { t, locale, timeZone } = useAdmin();
  const s = m.satisfaction;
  const day = new Intl.DateTimeFormat(intlLocale[locale], { month: 'numeric', day: 'numeric', timeZone });
  return (
    <section class="card" aria-labelledby="sat">
      <h2 id="sat">{t('dashboard.sat')}</h2>
      <p>
        CSAT <strong>{s.csat.score === null ? t('common.none') : `${s.csat.score}%`}</strong>{' '}
        {t('dashboard.sat.answers', { n: s.csat.responses })} · NPS <strong>{s.nps.score ?? t('common.none')}</strong>{' '}
        {t('dashboard.sat.answers', { n: s.nps.responses })}
      </p>
      <LineChart
        title={t('dashboard.sat.trend')}
        yMin={-100}
        yMax={100}
        xLabels={s.trend.map((p) => day.format(p.from))}
        series={[
          { name: 'CSAT %', color: '#16a34a', points: s.trend.map((p, i) => ({ x: i, y: p.csat.score })) },
          { name: 'NPS', color: '#7c3aed', points: s.trend.map((p, i) => ({ x: i, y: p.nps.score })) },
        ]}
      />
    </section>
  );
}

function RootCauses({ m }: M) {
  const { t, locale } = useAdmin();
  const reason = (code: string) => reasonLabel(undefined, locale, code);
  return (
    <section class="card" aria-labelledby="reasons">
      <h2 id="reasons">{t('dashboard.reasons')}</h2>
      <BarChart
        title={t('dashboard.reasons.chart')}
        bars={m.reasons.totals.map((r) => ({ label: reason(r.reason), value: r.quantity }))}
      />
      <h2>{t('dashboard.bySku')}</h2>
      <BarChart
        title={t('dashboard.bySku.chart')}
        color="#f59e0b"
        bars={m.reasons.bySku.map((r) => ({ label: `${r.sku} · ${reason(r.reason)}`, value: r.quantity }))}
      />
      <h2>{t('dashboard.byProduct')}</h2>
      <BarChart
        title={t('dashboard.byProduct.chart')}
        color="#10b981"
        bars={m.reasons.byProduct.map((r) => ({ label: r.title || r.product, value: r.quantity }))}
      />
    </section>
  );
}

function LateShipments({ m }: M) {
  const { t } = useAdmin();
  const pct = usePct();
  return (
    <section class="card" aria-labelledby="late">
      <h2 id="late">{t('dashboard.late')}</h2>
      <BarChart
        title={t('dashboard.late')}
        color="#dc2626"
        bars={m.lateShipments.map((r) => ({
          label: r.carrier,
          value: r.late,
          text: t('dashboard.late.bar', { late: r.late, total: r.shipments, share: pct(r.rate, 0) }),
        }))}
      />
    </section>
  );
}

export function DashboardPage({ m, team, shop, csrf, alerts = [] }: DashboardPageProps) {
  const { t } = useAdmin();
  // The date inputs take ISO days (a browser shows them in the member's own format).
  const from = isoDate(m.range.from);
  const toInclusive = isoDate(m.range.to - 1);
  return (
    <AdminShell title={t('dashboard.title')} path="/admin/dashboard" shop={shop} csrf={csrf}>
      <h1>{t('dashboard.title')}</h1>
      <OpenAlerts alerts={alerts} />
      <form method="get" class="filters" action="/admin/dashboard">
        <label>
          {t('dashboard.from')} <input type="date" name="from" value={from} />
        </label>
        <label>
          {t('dashboard.to')} <input type="date" name="to" value={toInclusive} />
        </label>
        <button type="submit">{t('dashboard.show')}</button>
        <a href={`/admin/export/dashboard.csv?from=${from}&to=${toInclusive}`}>{t('dashboard.export')}</a>
      </form>
      <div class="grid">
        <ReturnRate m={m} />
        <Deflection m={m} />
        <SlaCard m={m} />
        <MoneyCard m={m} />
        <SatisfactionCard m={m} />
      </div>
      <div class="grid">
        <RootCauses m={m} />
        <LateShipments m={m} />
      </div>
      {team ? <TeamFigures team={team} /> : null}
    </AdminShell>
  );
}
