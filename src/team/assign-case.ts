/**
 * `{ "action": "assign", "memberId" }` on a case: taking a case for oneself is working it (any
 * member); handing it to someone else, or unassigning, needs `cases.assign`. It runs through the
 * shop's Dispatcher like every assignment, which records `CaseAssigned` with the actor.
 */
import * as z from 'zod';
import { AppError } from '../http/errors';
import type { Services } from '../services';
import type { Principal } from './principal';
import { can } from './roles';
import { currentAssignee } from './dispatch-store';
import { findMember } from './members';

export const assignActionSchema = z
  .object({
    action: z.literal('assign'),
    memberId: z
      .string()
      .regex(/^mem_[0-9A-Z]{26}$/)
      .nullable(),
  })
  .strict();

export function isAssignAction(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { action?: unknown }).action === 'assign';
}

export async function assignCase(
  s: Services,
  who: Principal,
  input: { shopId: string; caseId: string; memberId: string | null },
): Promise<void> {
  // Checked here, not in the Durable Object: an error thrown there reaches us without its type.
  if ((await currentAssignee(s, input.shopId, input.caseId)) === undefined)
    throw new AppError('not_found', `No case ${input.caseId}.`, { why: { code: 'case_not_found' } });
  const forSelf = input.memberId !== null && input.memberId === who.memberId;
  if (!forSelf && !can(who.role, 'cases.assign'))
    throw new AppError('forbidden', 'Your role may take a case for yourself, not assign it to others.', {
      why: { code: 'assign_others_forbidden' },
    });
  if (input.memberId !== null && !(await findMember(s, input.shopId, input.memberId))?.active)
    throw new AppError('unprocessable', `No active member ${input.memberId} in this shop.`, {
      why: { code: 'member_inactive' },
    });
  await s.dispatcher.assign(input.shopId, input.caseId, input.memberId, who.actor);
}

/** `assignee=me|none|<member id>` → the list filter (a member id, null for unassigned). */
export function assigneeFilter(value: string | undefined, who: Principal): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'none') return null;
  if (value !== 'me') return value;
  if (!who.memberId)
    throw new AppError('bad_request', 'assignee=me needs a member credential; the operator is no member.');
  return who.memberId;
}
