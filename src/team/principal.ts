/**
 * Who is calling: the operator (ADMIN_TOKEN, over every shop, with an owner's rights) or one of the
 * shop's members. `actor` is what the case timeline records: `operator` or the member's id.
 */
import type { Services } from '../services';
import { findMember, type MemberRow } from './members';
import { isAtLeast, type Role } from './roles';
import { AppError } from '../http/errors';

export interface Principal {
  kind: 'operator' | 'member';
  role: Role;
  memberId: string | null;
  name: string;
  email: string | null;
  actor: string;
  /** The member's admin language setting; null = the browser's. */
  locale: string | null;
}

export const OPERATOR_ACTOR = 'operator';

export const operatorPrincipal: Principal = {
  kind: 'operator',
  role: 'owner',
  memberId: null,
  name: 'Operator',
  email: null,
  actor: OPERATOR_ACTOR,
  locale: null,
};

export function memberPrincipal(m: MemberRow): Principal {
  return {
    kind: 'member',
    role: m.role,
    memberId: m.id,
    name: m.name,
    email: m.email,
    actor: m.id,
    locale: m.uiLocale,
  };
}

/** Whoever installed the app by OAuth: the shop's owner side, before any member exists. */
export const installerPrincipal: Principal = {
  kind: 'operator',
  role: 'owner',
  memberId: null,
  name: 'Installer',
  email: null,
  actor: 'installer',
  locale: null,
};

/**
 * The caller behind an admin screen session's `user` — `operator`, `installer`, or a member id read
 * afresh each request (a role change or a deactivation applies at once) — and the session
 * generation a live cookie of theirs carries: the member's own (their logout, a role change or a
 * deactivation bumps it), or the shop's for the operator and the installer (their logout bumps
 * it, signing out the operator's and installer's sessions of that shop, never a member's).
 * Null: sign in again.
 */
export async function sessionHolder(
  s: Services,
  shop: { id: string; sessionGeneration: number },
  user: string,
): Promise<{ principal: Principal; generation: number } | null> {
  if (user === OPERATOR_ACTOR) return { principal: operatorPrincipal, generation: shop.sessionGeneration };
  if (user === installerPrincipal.actor) return { principal: installerPrincipal, generation: shop.sessionGeneration };
  if (!user.startsWith('mem_')) return null;
  const member = await findMember(s, shop.id, user);
  return member?.active ? { principal: memberPrincipal(member), generation: member.sessionGeneration } : null;
}

/** Nobody hands out (or changes someone holding) a role above their own: a manager cannot make owners. */
export function assertMayGrant(who: Principal, role: Role): void {
  if (!isAtLeast(who.role, role))
    throw new AppError('forbidden', `Only an ${role} or above may give or change the ${role} role.`);
}
