import type { MemberRow } from '../../team/members';
import { roles } from '../../team/roles';
import { AdminShell, Csrf, Flash } from './shell';

export interface TeamPageProps {
  shop: string;
  csrf: string;
  members: MemberRow[];
  /** Member id → open cases assigned now. */
  loads: Record<string, number>;
  canEdit: boolean;
  notice?: string | undefined;
  error?: string | undefined;
}

const list = (v: readonly string[]) => v.join(', ');

/** The shop's members: load against capacity, and (for managers) invite, edit and deactivate, without JavaScript. */
export function TeamPage(p: TeamPageProps) {
  return (
    <AdminShell title="Team" path="/admin/team" shop={p.shop} csrf={p.csrf}>
      <h1>Team</h1>
      <Flash ok={p.notice} error={p.error} />
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Load / capacity</th>
            <th>Status</th>
            <th>Languages</th>
            <th>Skills</th>
            {p.canEdit ? <th>Change</th> : null}
          </tr>
        </thead>
        <tbody>
          {p.members.map((m) => (
            <tr data-member={m.id} class={m.active ? undefined : 'muted'}>
              <td>{m.name}</td>
              <td>{m.email ?? '—'}</td>
              <td>{m.role}</td>
              <td class="num">
                {p.loads[m.id] ?? 0} / {m.capacity}
              </td>
              <td>{m.active ? m.status : 'deactivated'}</td>
              <td>{list(m.languages)}</td>
              <td>{list(m.skills) || 'any'}</td>
              {p.canEdit ? (
                <td>
                  <MemberForm csrf={p.csrf} member={m} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {p.canEdit ? <InviteForm csrf={p.csrf} /> : null}
    </AdminShell>
  );
}

function RoleSelect(props: { value: string }) {
  return (
    <select name="role" aria-label="Role">
      {roles.map((r) => (
        <option value={r} selected={props.value === r}>
          {r}
        </option>
      ))}
    </select>
  );
}

function MemberForm(props: { csrf: string; member: MemberRow }) {
  const m = props.member;
  return (
    <form method="post" action={`/admin/team/${m.id}`} class="filters">
      <Csrf token={props.csrf} />
      <RoleSelect value={m.role} />
      <input
        name="capacity"
        type="number"
        min={0}
        max={1000}
        value={String(m.capacity)}
        aria-label="Capacity"
        size={4}
      />
      <select name="status" aria-label="Status">
        <option value="available" selected={m.status === 'available'}>
          available
        </option>
        <option value="away" selected={m.status === 'away'}>
          away
        </option>
      </select>
      <input name="languages" value={list(m.languages)} aria-label="Languages" size={10} />
      <input name="skills" value={list(m.skills)} aria-label="Skills" size={14} />
      <select name="active" aria-label="Active">
        <option value="true" selected={m.active}>
          active
        </option>
        <option value="false" selected={!m.active}>
          deactivated
        </option>
      </select>
      <button type="submit">Save</button>
    </form>
  );
}

function InviteForm(props: { csrf: string }) {
  return (
    <form method="post" action="/admin/team" class="card">
      <h2>Invite a member</h2>
      <Csrf token={props.csrf} />
      <label>
        Name <input name="name" required size={20} />
      </label>{' '}
      <label>
        Email <input name="email" type="email" required size={24} />
      </label>{' '}
      <RoleSelect value="agent" />{' '}
      <label>
        Capacity <input name="capacity" type="number" min={0} max={1000} value="10" size={4} />
      </label>{' '}
      <label>
        Languages <input name="languages" placeholder="en, zh-CN" size={10} />
      </label>{' '}
      <label>
        Skills <input name="skills" placeholder="return, warranty" size={14} />
      </label>{' '}
      <button type="submit">Invite</button>
      <p class="muted">They sign in with a link sent to this address from the sign-in page.</p>
    </form>
  );
}
