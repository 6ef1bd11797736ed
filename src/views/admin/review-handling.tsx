/** The weekly review's handling, per-member, cost and skipped-steps sections, in the member's language. */
import type { AdminFormatter } from '../../i18n/admin';
import type { HandlingFigures, MemberFigureLine } from '../../review/handling-figures';
import type { ReviewDocument } from '../../review/review-store';
import { useAdmin } from './i18n';

/** "45 min", "3.5 h", "2.1 d": one unit, as a support lead reads a handling time. */
export function durationText(f: AdminFormatter, ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return f.t('common.none');
  const minutes = ms / 60_000;
  if (minutes < 90) return f.t('review.dur.minutes', { n: f.number(Math.round(minutes)) });
  if (minutes < 48 * 60) return f.t('review.dur.hours', { n: f.number(minutes / 60, 1) });
  return f.t('review.dur.days', { n: f.number(minutes / 1440, 1) });
}

const share = (f: AdminFormatter, v: number | null, digits = 1) =>
  v === null ? f.t('common.none') : f.percent(v, digits);

export function HandlingSection({ h }: { h: HandlingFigures | undefined }) {
  const f = useAdmin();
  if (!h || h.cases === 0) return <p class="muted">{f.t('review.handling.none')}</p>;
  const spread = (s: HandlingFigures['firstReply']) =>
    f.t('review.medianP90', { p50: durationText(f, s.p50Ms), p90: durationText(f, s.p90Ms) });
  return (
    <dl>
      <dt>{f.t('review.fcr')}</dt>
      <dd>
        <strong data-metric="first-contact-resolution">{share(f, h.firstContactRate)}</strong>{' '}
        <span class="muted">({f.t('review.fcr.detail', { firstContact: h.firstContact, done: h.done })})</span>
      </dd>
      <dt>{f.t('review.firstReply')}</dt>
      <dd data-metric="first-reply">{spread(h.firstReply)}</dd>
      <dt>{f.t('review.resolution')}</dt>
      <dd data-metric="resolution">{spread(h.resolution)}</dd>
      <dt>{f.t('review.repliesPerCase')}</dt>
      <dd>{h.repliesPerCase === null ? f.t('common.none') : f.number(h.repliesPerCase, 1)}</dd>
      <dt>{f.t('review.reopened')}</dt>
      <dd>{h.reopened}</dd>
    </dl>
  );
}

export function MemberFiguresTable({ lines }: { lines: MemberFigureLine[] | undefined }) {
  const f = useAdmin();
  if (!lines || lines.length === 0) return <p class="muted">{f.t('review.handling.none')}</p>;
  const pair = (s: HandlingFigures['firstReply']) => `${durationText(f, s.p50Ms)} · ${durationText(f, s.p90Ms)}`;
  return (
    <table aria-label={f.t('review.team')}>
      <tr>
        <th>{f.t('review.col.member')}</th>
        <th class="num">{f.t('review.col.cases')}</th>
        <th class="num">{f.t('review.col.done')}</th>
        <th class="num">{f.t('review.col.firstContact')}</th>
        <th class="num">{f.t('review.col.firstReply')}</th>
        <th class="num">{f.t('review.col.resolution')}</th>
        <th class="num">{f.t('review.col.slaMet')}</th>
        <th class="num">{f.t('review.col.csat')}</th>
        <th class="num">{f.t('review.col.replies')}</th>
      </tr>
      {lines.map((m) => (
        <tr data-member={m.member}>
          <td>{m.name ?? f.t('review.unassigned')}</td>
          <td class="num">{m.cases}</td>
          <td class="num">{m.done}</td>
          <td class="num">{share(f, m.firstContactRate, 0)}</td>
          <td class="num">{pair(m.firstReply)}</td>
          <td class="num">{pair(m.resolution)}</td>
          <td class="num">{share(f, m.sla.compliance, 0)}</td>
          <td class="num">{m.csat.average === null ? f.t('common.none') : f.number(m.csat.average, 1)}</td>
          <td class="num">{m.replies}</td>
        </tr>
      ))}
    </table>
  );
}

export function CostSection({ rows }: { rows: ReviewDocument['cost'] | undefined }) {
  const f = useAdmin();
  const money = (amount: number, currency: string) => f.money({ amount, currency });
  return (
    <>
      {!rows || rows.length === 0 ? (
        <p class="muted">{f.t('review.cost.none')}</p>
      ) : (
        <table aria-label={f.t('review.cost')}>
          {rows.map((c) => (
            <>
              <tr>
                <td>{f.t('review.cost.refunds')}</td>
                <td class="num">{money(c.refunded, c.currency)}</td>
              </tr>
              <tr>
                <td>{f.t('review.cost.credit')}</td>
                <td class="num">{money(c.storeCredit, c.currency)}</td>
              </tr>
              <tr>
                <td>{f.t('review.cost.labels', { count: c.labelCount })}</td>
                <td class="num">{money(c.labels, c.currency)}</td>
              </tr>
              <tr>
                <th>{f.t('review.cost.total')}</th>
                <td class="num">
                  <strong data-metric={`cost-${c.currency}`}>{money(c.total, c.currency)}</strong>
                </td>
              </tr>
            </>
          ))}
        </table>
      )}
      <p class="muted">{f.t('review.cost.agentTime')}</p>
    </>
  );
}

export function SkippedStepsSection({ lines }: { lines: ReviewDocument['skippedSteps'] }) {
  const f = useAdmin();
  if (lines.length === 0) return <p class="muted">{f.t('review.skipped.none')}</p>;
  return (
    <table aria-label={f.t('review.skipped')}>
      <tr>
        <th>{f.t('review.skipped.step')}</th>
        <th class="num">{f.t('review.skipped.times')}</th>
        <th class="num">{f.t('review.col.cases')}</th>
      </tr>
      {lines.map((l) => (
        <tr data-skipped-step={l.step}>
          <td>{l.label}</td>
          <td class="num">{l.skipped}</td>
          <td class="num">{l.cases}</td>
        </tr>
      ))}
    </table>
  );
}
