import type { Alert } from '../../review/alerts';
import type { ReviewDocument } from '../../review/review-store';
import { OpenAlerts } from './alerts-list';
import { pct } from './format';
import { ActionItemsSection, MoneySection, ProblemTable, SatisfactionSection, SlaSection } from './review-sections';
import { AdminShell, Flash } from './shell';

export interface ReviewPageProps {
  review: ReviewDocument;
  previousWeek: string;
  nextWeek: string | null;
  /** Default due date for a new action item (a week after today, shop-local). */
  dueDefault: string;
  shop: string;
  csrf: string;
  notice?: string | undefined;
  alerts: Alert[];
}

export function ReviewPage(props: ReviewPageProps) {
  const { review: r, previousWeek, nextWeek, dueDefault, shop, csrf, notice } = props;
  const forms = { week: r.week, csrf, dueDefault };
  return (
    <AdminShell title={`Weekly review ${r.week}`} path="/admin/review" shop={shop} csrf={csrf}>
      <h1>Weekly review {r.week}</h1>
      <Flash ok={notice} />
      <OpenAlerts alerts={props.alerts} />
      <nav class="filters">
        <a href={`/admin/review?week=${previousWeek}`}>← {previousWeek}</a>
        {nextWeek ? <a href={`/admin/review?week=${nextWeek}`}>{nextWeek} →</a> : null}
        <a href={`/admin/export/review.csv?week=${r.week}`}>Export CSV</a>
        {r.final ? null : <span class="pill warn">week in progress</span>}
      </nav>
      <div class="grid">
        <section class="card" aria-labelledby="volume">
          <h2 id="volume">Volume</h2>
          <p class="kpi" data-metric="cases">
            {r.volume.cases}
          </p>
          <p>
            cases ({r.volume.previousCases ?? '—'} the week before) on {r.volume.orders} orders: contact rate{' '}
            <strong data-metric="contact-rate">{pct(r.contactRate)}</strong>
          </p>
        </section>
        <section class="card" aria-labelledby="sla">
          <h2 id="sla">SLA</h2>
          <SlaSection sla={r.sla} />
        </section>
        <section class="card" aria-labelledby="sat">
          <h2 id="sat">Satisfaction</h2>
          <SatisfactionSection s={r.satisfaction} />
        </section>
        <section class="card" aria-labelledby="money">
          <h2 id="money">Money</h2>
          <MoneySection rows={r.money} />
        </section>
      </div>
      <section class="card" aria-labelledby="actions">
        <h2 id="actions">Action items</h2>
        <ActionItemsSection items={r.actionItems} csrf={csrf} />
      </section>
      <section class="card" aria-labelledby="top">
        <h2 id="top">Top problems by SKU</h2>
        <ProblemTable lines={r.topProblems} bySku label="Top problems by SKU" {...forms} />
      </section>
      <section class="card" aria-labelledby="new">
        <h2 id="new">New this week</h2>
        <ProblemTable lines={r.newProblems} bySku label="New problems" {...forms} />
      </section>
      <section class="card" aria-labelledby="reasons">
        <h2 id="reasons">By reason</h2>
        <ProblemTable lines={r.topReasons} bySku={false} label="Problems by reason" {...forms} />
      </section>
    </AdminShell>
  );
}
