import { locales } from '../../i18n/locales';
import type { MemberRow } from '../../team/members';
import { roles } from '../../team/roles';
import { useAdmin } from './i18n';
import { AdminShell, Csrf, Flash } from './shell';
import { word } from './words';

export interface TeamPageProps {
  shop: string;
  csrf: string;
  members: MemberRow[];
  /** Member id → open cases assigned now. */
  loads: Record<string, number>;
  canEdit: boolean;
  /** The signed-in member (null for the operator), for "My settings". */
  me: MemberRow | null;
  notice?: string | undefined;
  error?: string | undefined;
}

const list = (v: readonly string[]) => v.join(', ');

/** The shop's members: load against capacity, and (for managers) invite, edit and deactivate, without JavaScript. */
export function TeamPage(p: TeamPageProps) {
  const { t } = useAdmin();
  return (
    <AdminShell title={t('team.title')} path="/admin/team" shop={p.shop} csrf={p.csrf}>
      <h1>{t('team.title')}</h1>
      <Flash ok={p.notice} error={p.error} />
      <MembersTable {...p} />
      <MySettings csrf={p.csrf} me={p.me} />
      {p.canEdit ? <InviteForm csrf={p.csrf} /> : null}
    </AdminShell>
  );
}

function MembersTable(p: TeamPageProps) {
  const { t } = useAdmin();
  return (
    <table>
      <thead>
        <tr>
          <th>{t('team.col.name')}</th>
          <th>{t('team.col.email')}</th>
          <th>{t('team.col.role')}</th>
          <th>{t('team.col.load')}</th>
          <th>{t('team.col.status')}</th>
          <th>{t('team.col.languages')}</th>
          <th>{t('team.col.skills')}</th>
          <th>{t('team.col.adminLanguage')}</th>
          {p.canEdit ? <th>{t('team.col.change')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {p.members.map((m) => (
          <tr data-member={m.id} class={m.active ? undefined : 'muted'}>
            <td>{m.name}</td>
            <td>{m.email ?? t('common.none')}</td>
            <td>{word(t, 'role', m.role)}</td>
            <td class="num">
              {p.loads[m.id] ?? 0} / {m.capacity}
            </td>
            <td>{m.active ? t(`team.status.${m.status}`) : t('team.deactivated')}</td>
            <td>{list(m.languages)}</td>
            <td>{list(m.skills) || t('team.anySkill')}</td>
            <td data-ui-locale={m.uiLocale ?? ''}>{languageName(t, m.uiLocale)}</td>
            {p.canEdit ? (
              <td>
                <MemberForm csrf={p.csrf} member={m} />
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function languageName(t: ReturnType<typeof useAdmin>['t'], l: string | null) {
  return l && (locales as readonly string[]).includes(l)
    ? t(`language.${l as (typeof locales)[number]}`)
    : t('team.uiLocale.browser');
}

/** The admin language: "browser default" (empty, stored as null) or one we ship, each named in itself. */
export function UiLocaleSelect(props: { value: string | null; label: string; id?: string }) {
  const { t } = useAdmin();
  return (
    <select name="uiLocale" id={props.id} aria-label={props.label}>
      <option value="" selected={!props.value}>
        {t('team.uiLocale.browser')}
      </option>
      {locales.map((l) => (
        <option value={l} lang={l} selected={props.value === l}>
          {t(`language.${l}`)}
        </option>
      ))}
    </select>
  );
}

function RoleSelect(props: { value: string }) {
  const { t } = useAdmin();
  return (
    <select name="role" aria-label={t('team.role')}>
      {roles.map((r) => (
        <option value={r} selected={props.value === r}>
          {word(t, 'role', r)}
        </option>
      ))}
    </select>
  );
}

function MemberForm(props: { csrf: string; member: MemberRow }) {
  const { t } = useAdmin();
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
        aria-label={t('team.capacity')}
        size={4}
      />
      <select name="status" aria-label={t('team.col.status')}>
        <option value="available" selected={m.status === 'available'}>
          {t('team.status.available')}
        </option>
        <option value="away" selected={m.status === 'away'}>
          {t('team.status.away')}
        </option>
      </select>
      <input name="languages" value={list(m.languages)} aria-label={t('team.languages')} size={10} />
      <input name="skills" value={list(m.skills)} aria-label={t('team.skills')} size={14} />
      <UiLocaleSelect value={m.uiLocale} label={t('team.uiLocale')} />
      <select name="active" aria-label={t('team.active')}>
        <option value="true" selected={m.active}>
          {t('team.active')}
        </option>
        <option value="false" selected={!m.active}>
          {t('team.deactivated')}
        </option>
      </select>
      <button type="submit">{t('team.save')}</button>
    </form>
  );
}

/** One's own admin language, for every member (an agent cannot edit the team, but can choose this). */
function MySettings(props: { csrf: string; me: MemberRow | null }) {
  const { t } = useAdmin();
  return (
    <section class="card" aria-labelledby="my-settings">
      <h2 id="my-settings">{t('team.me.title')}</h2>
      {props.me ? (
        <form method="post" action="/admin/me/settings" class="filters">
          <Csrf token={props.csrf} />
          <label for="my-ui-locale">{t('team.me.language')}</label>
          <UiLocaleSelect id="my-ui-locale" value={props.me.uiLocale} label={t('team.me.language')} />
          <button type="submit">{t('team.me.save')}</button>
          <p class="muted">{t('team.me.hint')}</p>
        </form>
      ) : (
        <p class="muted">{t('team.me.operator')}</p>
      )}
    </section>
  );
}

function InviteForm(props: { csrf: string }) {
  const { t } = useAdmin();
  return (
    <form method="post" action="/admin/team" class="card">
      <h2>{t('team.invite.title')}</h2>
      <Csrf token={props.csrf} />
      <label>
        {t('team.invite.name')} <input name="name" required size={20} />
      </label>{' '}
      <label>
        {t('team.invite.email')} <input name="email" type="email" required size={24} />
      </label>{' '}
      <RoleSelect value="agent" />{' '}
      <label>
        {t('team.capacity')} <input name="capacity" type="number" min={0} max={1000} value="10" size={4} />
      </label>{' '}
      <label>
        {t('team.languages')} <input name="languages" placeholder="en, zh-CN" size={10} />
      </label>{' '}
      <label>
        {t('team.skills')} <input name="skills" placeholder="return, warranty" size={14} />
      </label>{' '}
      <label for="invite-ui-locale">{t('team.uiLocale')}</label>{' '}
      <UiLocaleSelect id="invite-ui-locale" value={null} label={t('team.uiLocale')} />{' '}
      <button type="submit">{t('team.invite.submit')}</button>
      <p class="muted">{t('team.invite.note')}</p>
    </form>
  );
}
