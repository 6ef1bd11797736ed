import type { AdminKey } from '../../i18n/admin';
import type { MemberRow } from '../../team/members';
import { useAdmin } from './i18n';
import { Csrf } from './shell';

/** Who works the case, and a form to take it or hand it to someone (the server decides who may). */
export function AssignForm(props: { csrf: string; caseId: string; assignee: string | null; members: MemberRow[] }) {
  const { t } = useAdmin();
  const active = props.members.filter((m) => m.active);
  const current = props.members.find((m) => m.id === props.assignee);
  const role = (r: MemberRow['role']) => t(`case.role.${r}` as AdminKey);
  return (
    <section class="card" aria-labelledby="assignee">
      <h2 id="assignee">{t('case.assignee')}</h2>
      <p data-assignee={props.assignee ?? ''}>
        {current ? `${current.name} (${role(current.role)})` : t('case.unassigned')}
      </p>
      <form method="post" action={`/admin/cases/${props.caseId}/assign`} class="filters">
        <Csrf token={props.csrf} />
        <select name="memberId" aria-label={t('case.assignTo')}>
          <option value="">{t('case.unassigned')}</option>
          {active.map((m) => (
            <option value={m.id} selected={m.id === props.assignee}>
              {m.name} ({role(m.role)})
            </option>
          ))}
        </select>
        <button type="submit">{t('case.assign')}</button>
      </form>
    </section>
  );
}
