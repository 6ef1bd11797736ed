/**
 * The team and operations paths of the OpenAPI document, from the zod schemas their routes
 * validate with (memberInputSchema, memberPatchSchema, taxonomySchema); responses restate what the
 * routes render, beside a pointer. The help center's paths are in help-paths.ts.
 */
import * as z from 'zod';
import { taxonomySchema } from '../../db/taxonomy';
import { locales } from '../../i18n/locales';
import { memberInputSchema, memberPatchSchema } from '../../team/members';
import { roles } from '../../team/roles';
import { admin, anyObject, errors, id, json, type PathFn } from './parts';

const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema } } });
const noContent = { 204: { description: 'Done; no body' } };

/** `memberView` (src/team/members.ts). */
const member = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    name: z.string(),
    role: z.enum(roles),
    capacity: z.int(),
    languages: z.array(z.string()),
    skills: z.array(z.string()),
    status: z.enum(['available', 'away']),
    workingHours: anyObject.nullable(),
    /** The admin screens' language for this member; null = their browser's. */
    uiLocale: z.enum(locales).nullable(),
    active: z.boolean(),
    lastAssignedAt: z.int().nullable(),
    createdAt: z.int(),
    updatedAt: z.int(),
  })
  .meta({ id: 'Member' });
const tokenRow = z.object({
  id: z.string(),
  label: z.string().nullable(),
  createdAt: z.int(),
  lastUsedAt: z.int().nullable(),
  revokedAt: z.int().nullable(),
});

export function registerTeamPaths(path: PathFn): void {
  path('get', '/api/admin/me', 'Team', 'Who is calling: the operator or a member, with role and shop', {
    security: admin,
    responses: {
      200: json(
        z.object({
          kind: z.enum(['operator', 'member']),
          member: z.string().nullable(),
          name: z.string(),
          email: z.string().nullable(),
          role: z.enum(roles),
          shop: z.object({ id: z.string(), domain: z.string() }),
        }),
        'The caller',
      ),
      ...errors([401]),
    },
  });
  path('get', '/api/admin/members', 'Team', 'The shop’s members', {
    security: admin,
    responses: { 200: json(z.object({ members: z.array(member) }), 'Every member'), ...errors([401, 403]) },
  });
  path('post', '/api/admin/members', 'Team', 'Invite a member (only an owner gives the owner role)', {
    security: admin,
    request: { body: body(memberInputSchema.meta({ id: 'MemberInput' })) },
    responses: { 201: json(member, 'The new member'), ...errors([400, 401, 403, 409]) },
  });
  path(
    'patch',
    '/api/admin/members/{id}',
    'Team',
    'Change or deactivate a member (a new role or deactivation signs them out)',
    {
      security: admin,
      request: { params: id('member id (mem_…)'), body: body(memberPatchSchema.meta({ id: 'MemberPatch' })) },
      responses: { 200: json(member, 'The member after the change'), ...errors([400, 401, 403, 404]) },
    },
  );
  const memberParam = id('member id (mem_…)');
  path(
    'get',
    '/api/admin/members/{id}/tokens',
    'Team',
    'A member’s personal API tokens (their own, or any for a manager)',
    {
      security: admin,
      request: { params: memberParam },
      responses: {
        200: json(z.object({ tokens: z.array(tokenRow) }), 'The tokens, never their secrets'),
        ...errors([400, 401, 403, 404]),
      },
    },
  );
  path('post', '/api/admin/members/{id}/tokens', 'Team', 'Issue a personal API token, shown once', {
    security: admin,
    request: {
      params: memberParam,
      body: {
        required: false,
        content: { 'application/json': { schema: z.object({ label: z.string().min(1).max(100).optional() }) } },
      },
    },
    responses: {
      201: json(
        z.object({ id: z.string(), token: z.string(), label: z.string().nullable(), createdAt: z.int() }),
        'The token (shown only now)',
      ),
      ...errors([400, 401, 403, 404]),
    },
  });
  path('delete', '/api/admin/members/{id}/tokens/{tokenId}', 'Team', 'Revoke a personal API token', {
    security: admin,
    request: { params: memberParam.extend({ tokenId: z.string().describe('token id (mtk_…)') }) },
    responses: { ...noContent, ...errors([400, 401, 403, 404]) },
  });
}

export function registerOperationsPaths(path: PathFn): void {
  const taxonomy = taxonomySchema.meta({ id: 'Taxonomy' });
  path('get', '/api/admin/taxonomy', 'Admin', 'The merchant’s tags and reason codes', {
    security: admin,
    responses: { 200: json(taxonomy, 'The taxonomy'), ...errors([401]) },
  });
  path('put', '/api/admin/taxonomy', 'Admin', 'Replace the tags and reason codes (codes unique within each)', {
    security: admin,
    request: { body: body(taxonomy) },
    responses: { 200: json(taxonomy, 'The saved taxonomy'), ...errors([400, 401, 403]) },
  });
  path('get', '/api/admin/events/{id}', 'Admin', 'One stored webhook event', {
    security: admin,
    request: { params: id('event id (evt_…)') },
    responses: { 200: json(z.object({ event: anyObject }), 'The event'), ...errors([400, 401, 404]) },
  });
  path('get', '/api/admin/jobs/failures', 'Admin', 'Jobs that failed or died, with their errors', {
    security: admin,
    // Mirrors src/admin/api/outbox.ts failuresQuery.
    request: {
      query: z.object({
        status: z.enum(['retrying', 'dead', 'resolved']).optional(),
        limit: z.int().min(1).max(100).optional(),
      }),
    },
    responses: { 200: json(anyObject, 'A page of failures'), ...errors([400, 401]) },
  });
  path('post', '/api/admin/sla/resync', 'Admin', 'Re-create the SLA clocks of up to 200 cases from their rows', {
    security: admin,
    request: { body: body(z.object({ caseIds: z.array(z.string().min(1).max(64)).min(1).max(200) })) },
    responses: { 200: json(anyObject, 'How many clocks were armed and which failed'), ...errors([400, 401]) },
  });
  path('get', '/api/admin/sla/clocks/{caseId}', 'Admin', 'What a case’s SLA clock holds (deadlines, alarm)', {
    security: admin,
    request: { params: z.object({ caseId: z.string() }) },
    responses: { 200: json(anyObject, 'The clock'), ...errors([401, 404]) },
  });
  path('get', '/api/admin/customers/{id}', 'Admin', 'A customer’s profile: orders, cases, conversations', {
    security: admin,
    request: { params: id('customer id (cus_…); a merged id answers the survivor') },
    responses: { 200: json(anyObject, 'The profile'), ...errors([400, 401, 404]) },
  });
}
