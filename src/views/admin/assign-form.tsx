import type { MemberRow } from '../../team/members';
import { Csrf } from './shell';

/** Who works the case, and a form to take it or hand it to someone (the server decides who may). */
export function AssignForm(props: { csrf: string; caseId: string; assignee: string | null; members: MemberRow[] }) {
  const active = props.members.filter((m) => m.active);
  const current = props.members.find((m) => m.id === props.assignee);
  return (
    <section class="card" aria-labelledby="assignee">
      <h2 id="assignee">Assignee</h2>
      <p data-assignee={props.assignee ?? ''}>{current ? `${current.name} (${current.role})` : 'Unassigned'}</p>
      <form method="post" action={`/admin/cases/${props.caseId}/assign`} class="filters">
        <Csrf token={props.csrf} />
        <select name="memberId" aria-label="Assign to">
          <option value="">Unassigned</option>
          {active.map((m) => (
            <option value={m.id} selected={m.id === props.assignee}>
              {m.name} ({m.role})
            </option>
          ))}
        </select>
        <button type="submit">Assign</button>
      </form>
    </section>
  );
}
