import type { memberFigures } from '../../team/member-figures';
import { duration, pct } from './format';

export type TeamFiguresData = Awaited<ReturnType<typeof memberFigures>>;

/** The dashboard's per-member and per-tier table. */
export function TeamFigures(props: { team: TeamFiguresData }) {
  const rows = [
    ...props.team.members.map((m) => ({ key: m.memberId, label: `${m.name} (${m.role})`, f: m })),
    ...props.team.tiers.map((t) => ({ key: `tier-${t.tier}`, label: `Tier ${t.tier} (${t.members} members)`, f: t })),
  ];
  return (
    <section class="card">
      <h2>Team</h2>
      <table>
        <thead>
          <tr>
            <th>Who</th>
            <th class="num">Handled / assigned</th>
            <th class="num">First response p50 · p90</th>
            <th class="num">Resolution p50 · p90</th>
            <th class="num">SLA met</th>
            <th class="num">CSAT</th>
            <th class="num">Reopened</th>
            <th class="num">Load / capacity</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, label, f }) => (
            <tr data-figures={key}>
              <td>{label}</td>
              <td class="num">
                {f.handled} / {f.assigned}
              </td>
              <td class="num">
                {duration(f.firstResponse.p50Ms)} · {duration(f.firstResponse.p90Ms)}
              </td>
              <td class="num">
                {duration(f.resolution.p50Ms)} · {duration(f.resolution.p90Ms)}
              </td>
              <td class="num">{pct(f.slaCompliance, 0)}</td>
              <td class="num">{f.csat.average === null ? '—' : f.csat.average.toFixed(1)}</td>
              <td class="num">{f.reopened}</td>
              <td class="num">
                {f.load} / {f.capacity}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
