import type { memberFigures } from '../../team/member-figures';
import { useAdmin } from './i18n';
import { durationText } from './review-handling';

export type TeamFiguresData = Awaited<ReturnType<typeof memberFigures>>;

/** The dashboard's per-member and per-tier table (from the per-day handling rollups). */
export function TeamFigures(props: { team: TeamFiguresData }) {
  const f = useAdmin();
  const { t } = f;
  const rows = [
    ...props.team.members.map((m) => ({
      key: m.memberId,
      label: t('review.members.memberRole', { name: m.name, role: t(`review.members.role.${m.role}`) }),
      f: m,
    })),
    ...props.team.tiers.map((x) => ({
      key: `tier-${x.tier}`,
      label: t('review.members.tierMembers', { tier: x.tier, members: x.members }),
      f: x,
    })),
  ];
  const pair = (s: { p50Ms: number | null; p90Ms: number | null }) =>
    `${durationText(f, s.p50Ms)} · ${durationText(f, s.p90Ms)}`;
  return (
    <section class="card">
      <h2>{t('review.members.title')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('review.members.who')}</th>
            <th class="num">{t('review.members.handledAssigned')}</th>
            <th class="num">{t('review.members.firstResponse')}</th>
            <th class="num">{t('review.members.resolution')}</th>
            <th class="num">{t('review.members.slaMet')}</th>
            <th class="num">{t('review.members.csat')}</th>
            <th class="num">{t('review.members.reopened')}</th>
            <th class="num">{t('review.members.load')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, label, f: x }) => (
            <tr data-figures={key}>
              <td>{label}</td>
              <td class="num">
                {x.handled} / {x.assigned}
              </td>
              <td class="num">{pair(x.firstResponse)}</td>
              <td class="num">{pair(x.resolution)}</td>
              <td class="num">{x.slaCompliance === null ? t('common.none') : f.percent(x.slaCompliance, 0)}</td>
              <td class="num">{x.csat.average === null ? t('common.none') : f.number(x.csat.average, 1)}</td>
              <td class="num">{x.reopened}</td>
              <td class="num">
                {x.load} / {x.capacity}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
