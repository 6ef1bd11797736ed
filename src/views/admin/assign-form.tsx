import type { MemberRow } from '../../team/members';
import { useAdmin } from './i18n';
import { Csrf } from './shell';
import { word } from './words';

/** Who works the case, and a form to take it or hand it to someone (the server decides who may). */
export function AssignForm(props: { csrf: string; caseId: string; assignee: string | null; members: MemberRow[] }) {
  const { t } = useAdmin();
  const active = props.members.filter((m) => m.active);
  const current = props.members.find((m) => m.id === props.assignee);
  const who = (m: MemberRow) => `${m.name} (${word(t, 'role', m.role)})`;
  return (
    <section class="card" aria-labelledby="assignee">
      <h2 id="assignee">{t('assign.title')}</h2>
      <p data-assignee={props.assignee ?? ''}>{current ? who(current) : t('assign.unassigned')}</p>
      <form method="post" action={`/admin/cases/${props.caseId}/assign`} class="filters">
        <Csrf token={props.csrf} />
        <select name="memberId" aria-label={t('assign.to')}>
          <option value="">{t('assign.unassigned')}</option>
          {active.map((m) => (
            <option value={m.id} selected={m.id === props.assignee}>
              {who(m)}
            </option>
          ))}
        </select>
        <button type="submit">{t('assign.submit')}</button>
      </form>
    </section>
  );
}
