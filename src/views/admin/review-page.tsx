import type { Child } from 'hono/jsx';
import type { Alert } from '../../review/alerts';
import type { ReviewDocument } from '../../review/review-store';
import { OpenAlerts } from './alerts-list';
import { useAdmin } from './i18n';
import { CostSection, HandlingSection, MemberFiguresTable, SkippedStepsSection } from './review-handling';
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
  const f = useAdmin();
  const { t } = f;
  const forms = { week: r.week, csrf, dueDefault };
  const title = t('review.title', { week: r.week });
  return (
    <AdminShell title={title} path="/admin/review" shop={shop} csrf={csrf}>
      <h1>{title}</h1>
      <Flash ok={notice} />
      <OpenAlerts alerts={props.alerts} />
      <nav class="filters">
        <a href={`/admin/review?week=${previousWeek}`}>← {previousWeek}</a>
        {nextWeek ? <a href={`/admin/review?week=${nextWeek}`}>{nextWeek} →</a> : null}
        <a href={`/admin/export/review.csv?week=${r.week}`}>{t('review.exportCsv')}</a>
        {r.final ? null : <span class="pill warn">{t('review.inProgress')}</span>}
      </nav>
      <div class="grid">
        <Card id="volume" title={t('review.volume')}>
          <p class="kpi" data-metric="cases">
            {r.volume.cases}
          </p>
          <p>
            {t('review.volumeText', { previous: r.volume.previousCases ?? t('common.none'), orders: r.volume.orders })}{' '}
            <strong data-metric="contact-rate">
              {r.contactRate === null ? t('common.none') : f.percent(r.contactRate)}
            </strong>
          </p>
        </Card>
        <Card id="sla" title={t('review.sla')}>
          <SlaSection sla={r.sla} />
        </Card>
        <Card id="handling" title={t('review.handling')}>
          <HandlingSection h={r.handling?.overall} />
        </Card>
        <Card id="sat" title={t('review.satisfaction')}>
          <SatisfactionSection s={r.satisfaction} />
        </Card>
        <Card id="money" title={t('review.money')}>
          <MoneySection rows={r.money} />
        </Card>
        <Card id="cost" title={t('review.cost')}>
          <CostSection rows={r.cost} />
        </Card>
      </div>
      <Card id="members" title={t('review.team')}>
        <MemberFiguresTable lines={r.handling?.byMember} />
      </Card>
      <Card id="actions" title={t('review.actions')}>
        <ActionItemsSection items={r.actionItems} csrf={csrf} />
      </Card>
      <Card id="top" title={t('review.topProblems')}>
        <ProblemTable lines={r.topProblems} bySku label={t('review.topProblems')} {...forms} />
      </Card>
      <Card id="new" title={t('review.newProblems')}>
        <ProblemTable lines={r.newProblems} bySku label={t('review.newProblems')} {...forms} />
      </Card>
      <Card id="reasons" title={t('review.byReason')}>
        <ProblemTable lines={r.topReasons} bySku={false} label={t('review.problemsByReason')} {...forms} />
      </Card>
      <Card id="skipped" title={t('review.skipped')}>
        <SkippedStepsSection lines={r.skippedSteps ?? []} />
      </Card>
    </AdminShell>
  );
}

/** A section of the review; focusable, because a wide table scrolls inside it (keyboard users scroll it too). */
function Card(props: { id: string; title: string; children?: Child }) {
  return (
    <section class="card" aria-labelledby={props.id} tabindex={0}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}
