import { renderAdmin } from './render';
import { Hono, type Context } from 'hono';
import type * as z from 'zod';
import { AppError } from '../http/errors';
import { readForm } from '../http/form-body';
import {
  createMember,
  findMember,
  listMembers,
  memberInputSchema,
  memberPatchSchema,
  updateMember,
} from '../team/members';
import { loadCandidates } from '../team/dispatch-store';
import { can } from '../team/roles';
import { assertMayGrant } from '../team/principal';
import { TeamPage } from '../views/admin/team-page';
import { adminLocale, adminTranslator } from '../i18n/admin';
import type { AdminEnv } from './auth/screen-auth';
import { type FieldLabels, formIssuesText } from './form-issues';

/** `/admin/team`: the members with their load; managers invite, edit and deactivate (the same rules as the API). */
export const teamScreens = new Hono<AdminEnv>();

const splitList = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
const back = (c: Context<AdminEnv>, key: 'notice' | 'error', text: string) =>
  c.redirect(`/admin/team?${key}=${encodeURIComponent(text)}`, 303);
const labels: FieldLabels = {
  email: 'team.col.email',
  name: 'team.col.name',
  role: 'team.col.role',
  capacity: 'form.field.capacity',
  languages: 'team.col.languages',
  skills: 'team.col.skills',
  status: 'team.col.status',
  uiLocale: 'team.col.adminLanguage',
  workingHours: 'form.field.workingHours',
};
const refused = (c: Context<AdminEnv>, error: z.ZodError) =>
  back(c, 'error', formIssuesText(c.get('fmt'), error.issues, labels).join(' '));
/** The form's admin language: empty is "browser default" (null); anything else must be a language we ship. */
const uiLocaleField = (v: unknown) => (v === '' || v === undefined ? null : v);

teamScreens.get('/team', async (c) => {
  const s = c.get('services');
  const [members, candidates] = await Promise.all([
    listMembers(s, c.get('shopId')),
    loadCandidates(s, c.get('shopId')),
  ]);
  const me = members.find((m) => m.id === c.get('principal').memberId) ?? null;
  return renderAdmin(
    c,
    <TeamPage
      shop={c.get('shopDomain')}
      csrf={c.get('csrf')}
      members={members}
      loads={Object.fromEntries(candidates.map((m) => [m.memberId, m.load]))}
      canEdit={can(c.get('principal').role, 'members.write')}
      me={me}
      notice={c.req.query('notice')}
      error={c.req.query('error')}
    />,
  );
});

teamScreens.post('/team', async (c) => {
  const f = await readForm(c);
  const parsed = memberInputSchema.safeParse({
    ...f,
    capacity: Number(f['capacity'] ?? 10),
    languages: splitList(f['languages']),
    skills: splitList(f['skills']),
    uiLocale: uiLocaleField(f['uiLocale']),
  });
  if (!parsed.success) return refused(c, parsed.error);
  assertMayGrant(c.get('principal'), parsed.data.role);
  const s = c.get('services');
  const member = await createMember(s, c.get('shopId'), parsed.data, c.get('actor'));
  await s.dispatcher.drain(c.get('shopId'));
  return back(c, 'notice', c.get('fmt').t('team.invited', { name: member.name }));
});

teamScreens.post('/team/:id', async (c) => {
  const s = c.get('services');
  const current = await findMember(s, c.get('shopId'), c.req.param('id'));
  if (!current) throw new AppError('not_found', c.get('fmt').t('team.noSuchMember'));
  const f = await readForm(c);
  const parsed = memberPatchSchema.safeParse({
    role: f['role'],
    capacity: Number(f['capacity']),
    status: f['status'],
    languages: splitList(f['languages']),
    skills: splitList(f['skills']),
    ...(f['uiLocale'] === undefined ? {} : { uiLocale: uiLocaleField(f['uiLocale']) }),
    active: f['active'] !== 'false',
  });
  if (!parsed.success) return refused(c, parsed.error);
  assertMayGrant(c.get('principal'), current.role);
  if (parsed.data.role) assertMayGrant(c.get('principal'), parsed.data.role);
  await updateMember(s, c.get('shopId'), current.id, parsed.data, c.get('actor'));
  return back(c, 'notice', c.get('fmt').t('team.saved', { name: current.name }));
});

/** "My settings": any signed-in member chooses their own admin language (the operator has none to keep). */
teamScreens.post('/me/settings', async (c) => {
  const memberId = c.get('principal').memberId;
  if (!memberId) throw new AppError('forbidden', c.get('fmt').t('team.me.operator'));
  const f = await readForm(c);
  const parsed = memberPatchSchema.pick({ uiLocale: true }).safeParse({ uiLocale: uiLocaleField(f['uiLocale']) });
  if (!parsed.success) return refused(c, parsed.error);
  await updateMember(c.get('services'), c.get('shopId'), memberId, parsed.data, c.get('actor'));
  // The next page is in the language just chosen, so the notice is said in it too.
  const next = adminTranslator(adminLocale(parsed.data.uiLocale, c.req.header('accept-language')));
  return back(c, 'notice', next('team.me.saved'));
});
