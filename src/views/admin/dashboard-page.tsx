import type { DashboardMetrics } from '../../admin/metrics/dashboard-metrics';
import type { Alert } from '../../review/alerts';
import { OpenAlerts } from './alerts-list';
import { BarChart, LineChart, Ring } from './charts';
import { duration, isoDate, money, pct } from './format';
import { AdminShell } from './shell';
import { TeamFigures, type TeamFiguresData } from './team-figures';

export interface DashboardPageProps {
  m: DashboardMetrics;
  /** Per member and tier (src/team/member-figures.ts). */
  team?: TeamFiguresData | undefined;
  shop: string;
  csrf: string;
  /** Open early warnings, shown above the figures. */
  alerts?: Alert[];
}

export function DashboardPage({ m, team, shop, csrf, alerts = [] }: DashboardPageProps) {
  const from = isoDate(m.range.from);
  const toInclusive = isoDate(m.range.to - 1);
  const trendLabels = m.satisfaction.trend.map((t) => isoDate(t.from).slice(5));
  const q = `from=${from}&to=${toInclusive}`;
  return (
    <AdminShell title="Dashboard" path="/admin/dashboard" shop={shop} csrf={csrf}>
      <h1>Dashboard</h1>
      <OpenAlerts alerts={alerts} />
      <form method="get" class="filters" action="/admin/dashboard">
        <label>
          From <input type="date" name="from" value={from} />
        </label>
        <label>
          To <input type="date" name="to" value={toInclusive} />
        </label>
        <button type="submit">Show</button>
        <a href={`/admin/export/dashboard.csv?${q}`}>Export CSV</a>
      </form>
      <div class="grid">
        <section class="card" aria-labelledby="rr">
          <h2 id="rr">Return rate</h2>
          <p class="kpi" data-metric="order-return-rate">
            {pct(m.returnRate.orderRate)}
          </p>
          <p>
            of orders ({m.returnRate.returnedOrders} of {m.returnRate.orders});{' '}
            <strong data-metric="item-return-rate">{pct(m.returnRate.itemRate)}</strong> of items (
            {m.returnRate.returnedItems} of {m.returnRate.items})
          </p>
        </section>
        <section class="card" aria-labelledby="deflection">
          <h2 id="deflection">Help center</h2>
          <p class="kpi" data-metric="deflection-rate">
            {pct(m.deflection.rate)}
          </p>
          <p>
            <strong data-metric="deflected">{m.deflection.answeredWithoutCase}</strong> of {m.deflection.questions}{' '}
            questions answered without a case; {m.deflection.articleViews} article views, {m.deflection.helpful}{' '}
            helpful, {m.deflection.notHelpful} not
          </p>
        </section>
        <section class="card" aria-labelledby="sla">
          <h2 id="sla">SLA compliance</h2>
          <Ring title="SLA compliance" share={m.sla.compliance} />
          <p>
            {m.sla.breached} breached of {m.sla.casesWithTargets} cases with targets
          </p>
          <table>
            <tr>
              <th></th>
              <th class="num">median</th>
              <th class="num">p90</th>
              <th class="num">n</th>
            </tr>
            <tr>
              <td>First response</td>
              <td class="num">{duration(m.sla.firstResponse.p50Ms)}</td>
              <td class="num">{duration(m.sla.firstResponse.p90Ms)}</td>
              <td class="num">{m.sla.firstResponse.n}</td>
            </tr>
            <tr>
              <td>Resolution</td>
              <td class="num">{duration(m.sla.resolution.p50Ms)}</td>
              <td class="num">{duration(m.sla.resolution.p90Ms)}</td>
              <td class="num">{m.sla.resolution.n}</td>
            </tr>
          </table>
          {m.sla.targets ? (
            <table>
              <tr>
                <th>Target</th>
                <th class="num">met</th>
                <th class="num">breached</th>
                <th class="num">share met</th>
              </tr>
              {Object.entries(m.sla.targets).map(([t, f]) => (
                <tr>
                  <td>{t.replaceAll('_', ' ')}</td>
                  <td class="num">{f.met}</td>
                  <td class="num">{f.breached}</td>
                  <td class="num">{pct(f.share, 0)}</td>
                </tr>
              ))}
            </table>
          ) : null}
          {m.sla.byPriority.length > 1 ? (
            <p class="muted">
              By priority:{' '}
              {m.sla.byPriority
                .map((g) => `${g.group} ${pct(g.targets.resolution?.share ?? null, 0)} resolved in time`)
                .join(' · ')}
            </p>
          ) : null}
        </section>
        <section class="card" aria-labelledby="money">
          <h2 id="money">Money refunded vs kept</h2>
          {m.money.length === 0 ? <p class="muted">No refunds or resolved cases in this range.</p> : null}
          {m.money.map((x) => (
            <table>
              <tr>
                <td>Refunded</td>
                <td class="num">{money(x.refunded, x.currency)}</td>
              </tr>
              <tr>
                <td>Kept: exchanges</td>
                <td class="num">{money(x.exchanged, x.currency)}</td>
              </tr>
              <tr>
                <td>Kept: store credit</td>
                <td class="num">{money(x.storeCredit, x.currency)}</td>
              </tr>
              <tr>
                <td>Kept: fees</td>
                <td class="num">{money(x.fees, x.currency)}</td>
              </tr>
              <tr>
                <th>Kept in total</th>
                <th class="num">{money(x.kept, x.currency)}</th>
              </tr>
            </table>
          ))}
        </section>
        <section class="card" aria-labelledby="sat">
          <h2 id="sat">CSAT and NPS</h2>
          <p>
            CSAT <strong>{m.satisfaction.csat.score === null ? '—' : `${m.satisfaction.csat.score}%`}</strong> (
            {m.satisfaction.csat.responses} answers) · NPS <strong>{m.satisfaction.nps.score ?? '—'}</strong> (
            {m.satisfaction.nps.responses} answers)
          </p>
          <LineChart
            title="CSAT % and NPS over time"
            yMin={-100}
            yMax={100}
            xLabels={trendLabels}
            series={[
              {
                name: 'CSAT %',
                color: '#16a34a',
                points: m.satisfaction.trend.map((t, i) => ({ x: i, y: t.csat.score })),
              },
              { name: 'NPS', color: '#7c3aed', points: m.satisfaction.trend.map((t, i) => ({ x: i, y: t.nps.score })) },
            ]}
          />
        </section>
      </div>
      <div class="grid">
        <section class="card" aria-labelledby="reasons">
          <h2 id="reasons">Top root causes</h2>
          <BarChart
            title="Returned items by reason"
            bars={m.reasons.totals.map((r) => ({ label: r.reason, value: r.quantity }))}
          />
          <h2>By SKU and reason</h2>
          <BarChart
            title="Returned items by SKU and reason"
            color="#f59e0b"
            bars={m.reasons.bySku.map((r) => ({ label: `${r.sku} · ${r.reason}`, value: r.quantity }))}
          />
          <h2>By product</h2>
          <BarChart
            title="Returned items by product"
            color="#10b981"
            bars={m.reasons.byProduct.map((r) => ({ label: r.title || r.product, value: r.quantity }))}
          />
        </section>
        <section class="card" aria-labelledby="late">
          <h2 id="late">Late shipments by carrier</h2>
          <BarChart
            title="Late shipments by carrier"
            color="#dc2626"
            bars={m.lateShipments.map((r) => ({
              label: r.carrier,
              value: r.late,
              text: `${r.late} of ${r.shipments} (${pct(r.rate, 0)})`,
            }))}
          />
        </section>
      </div>
      {team ? <TeamFigures team={team} /> : null}
    </AdminShell>
  );
}
