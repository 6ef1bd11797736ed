/**
 * `/api/admin/members*` and `/api/admin/me`: the shop's team. Thin — validate, call the team store,
 * render. Who may call which route is `routePermissions`; the rules a route alone cannot express
 * (only an owner hands out the owner role; a member's tokens are their own business) are here.
 */
import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';
import {
  createMember,
  findMember,
  listMembers,
  memberInputSchema,
  memberPatchSchema,
  memberView,
  updateMember,
} from '../../team/members';
import { issueMemberToken, listMemberTokens, revokeMemberToken } from '../../team/member-tokens';
import { can } from '../../team/roles';
import { assertMayGrant } from '../../team/principal';
import { jsonBody, parseOr400 } from './validate';

export const membersApi = new Hono<AppBindings>();

const memberId = z.string().regex(/^mem_[0-9A-Z]{26}$/);
const tokenInput = z.object({ label: z.string().trim().min(1).max(100).optional() }).strict();

membersApi.get('/me', (c) => {
  const p = c.get('principal');
  const shop = { id: c.get('shopId'), domain: c.get('shopDomain') };
  return c.json({ kind: p.kind, member: p.memberId, name: p.name, email: p.email, role: p.role, shop });
});

membersApi.get('/members', async (c) => {
  const rows = await listMembers(c.get('services'), c.get('shopId'));
  return c.json({ members: rows.map(memberView) });
});

membersApi.post('/members', async (c) => {
  const input = parseOr400(memberInputSchema, await jsonBody(c.req), 'The member');
  assertMayGrant(c.get('principal'), input.role);
  const s = c.get('services');
  const row = await createMember(s, c.get('shopId'), input, c.get('actor'));
  await s.dispatcher.drain(c.get('shopId'));
  return c.json(memberView(row), 201);
});

membersApi.patch('/members/:id', async (c) => {
  const id = parseOr400(memberId, c.req.param('id'), 'The member id');
  const patch = parseOr400(memberPatchSchema, await jsonBody(c.req), 'The change');
  const s = c.get('services');
  const current = await findMember(s, c.get('shopId'), id);
  if (!current) throw new AppError('not_found', `No member ${id}.`);
  assertMayGrant(c.get('principal'), current.role);
  if (patch.role) assertMayGrant(c.get('principal'), patch.role);
  return c.json(memberView(await updateMember(s, c.get('shopId'), id, patch, c.get('actor'))));
});

membersApi.get('/members/:id/tokens', async (c) => {
  const id = await ownOrManaged(c);
  return c.json({ tokens: await listMemberTokens(c.get('services'), c.get('shopId'), id) });
});

membersApi.post('/members/:id/tokens', async (c) => {
  const id = await ownOrManaged(c);
  const body = await optionalBody(c);
  const s = c.get('services');
  const member = await findMember(s, c.get('shopId'), id);
  if (!member?.active) throw new AppError('not_found', `No active member ${id}.`);
  return c.json(await issueMemberToken(s, member, body.label ?? null, c.get('actor')), 201);
});

membersApi.delete('/members/:id/tokens/:tokenId', async (c) => {
  const id = await ownOrManaged(c);
  const tokenId = parseOr400(z.string().regex(/^mtk_[0-9A-Z]{26}$/), c.req.param('tokenId'), 'The token id');
  if (!(await revokeMemberToken(c.get('services'), c.get('shopId'), { memberId: id, tokenId }, c.get('actor'))))
    throw new AppError('not_found', `No active token ${tokenId}.`);
  return c.body(null, 204);
});

/** A token needs no body; when one is sent, it is JSON with an optional label. */
async function optionalBody(c: Context<AppBindings>): Promise<z.infer<typeof tokenInput>> {
  if (!(await c.req.raw.clone().text()).trim()) return {};
  return parseOr400(tokenInput, await jsonBody(c.req), 'The token');
}

/** A member's tokens are theirs; managers (members.write) look after everyone's. */
async function ownOrManaged(c: Context<AppBindings>): Promise<string> {
  const id = parseOr400(memberId, c.req.param('id'), 'The member id');
  const p = c.get('principal');
  if (p.memberId !== id && !can(p.role, 'members.write'))
    throw new AppError('forbidden', "Only a manager may see or change another member's tokens.");
  if (!(await findMember(c.get('services'), c.get('shopId'), id))) throw new AppError('not_found', `No member ${id}.`);
  return id;
}
