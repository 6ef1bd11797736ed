import { renderAdmin } from './render';
import { Hono, type Context } from 'hono';
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
import type { AdminEnv } from './auth/screen-auth';

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

teamScreens.get('/team', async (c) => {
  const s = c.get('services');
  const [members, candidates] = await Promise.all([
    listMembers(s, c.get('shopId')),
    loadCandidates(s, c.get('shopId')),
  ]);
  return renderAdmin(
    c,
    <TeamPage
      shop={c.get('shopDomain')}
      csrf={c.get('csrf')}
      members={members}
      loads={Object.fromEntries(candidates.map((m) => [m.memberId, m.load]))}
      canEdit={can(c.get('principal').role, 'members.write')}
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
  });
  if (!parsed.success)
    return back(c, 'error', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  assertMayGrant(c.get('principal'), parsed.data.role);
  const s = c.get('services');
  const member = await createMember(s, c.get('shopId'), parsed.data);
  await s.dispatcher.drain(c.get('shopId'));
  return back(c, 'notice', `Invited ${member.name}.`);
});

teamScreens.post('/team/:id', async (c) => {
  const s = c.get('services');
  const current = await findMember(s, c.get('shopId'), c.req.param('id'));
  if (!current) throw new AppError('not_found', 'No such member.');
  const f = await readForm(c);
  const parsed = memberPatchSchema.safeParse({
    role: f['role'],
    capacity: Number(f['capacity']),
    status: f['status'],
    languages: splitList(f['languages']),
    skills: splitList(f['skills']),
    active: f['active'] !== 'false',
  });
  if (!parsed.success)
    return back(c, 'error', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  assertMayGrant(c.get('principal'), current.role);
  if (parsed.data.role) assertMayGrant(c.get('principal'), parsed.data.role);
  await updateMember(s, c.get('shopId'), current.id, parsed.data);
  return back(c, 'notice', `Saved ${current.name}.`);
});
