/**
 * Who may do what. One table (`permissionsByRole`) answers every route and screen; each role has
 * everything of the role below it. Money limits come from the shop's policy: an amount above the
 * acting role's limit is held as "needs approval" until someone whose limit covers it approves.
 */
import { approvalLimitsSchema } from '../cases/policy-schema';

export const roles = ['agent', 'specialist', 'manager', 'owner'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'cases.read',
  'cases.work',
  'cases.assign',
  'cases.approve_warranty',
  'cases.approve_high_value',
  'cases.approve_over_limit',
  'members.read',
  'members.write',
  'metrics.read',
  'policy.write',
  'sla.write',
  'templates.write',
  'exports.read',
  'operations.write',
  'audit.read',
  'shop.write',
] as const;
export type Permission = (typeof permissions)[number];

// Reading cases and the team, working a case (reply, actions, taking it for oneself).
const agent = ['cases.read', 'cases.work', 'members.read', 'metrics.read'] as const satisfies readonly Permission[];
// The hard cases: warranty and high-value decisions, and handing cases to others.
const specialist = [
  ...agent,
  'cases.approve_warranty',
  'cases.approve_high_value',
  'cases.assign',
] as const satisfies readonly Permission[];
// Running the shop's after-sales: the rules, the people, the data leaving the shop.
const manager = [
  ...specialist,
  'cases.approve_over_limit',
  'policy.write',
  'sla.write',
  'templates.write',
  'members.write',
  'exports.read',
  'operations.write',
  // Who changed the shop's configuration, when, from what to what (the activity screen).
  'audit.read',
] as const satisfies readonly Permission[];

export const permissionsByRole: Record<Role, readonly Permission[]> = {
  agent,
  specialist,
  manager,
  owner: permissions,
};

export function can(role: Role, permission: Permission): boolean {
  return permissionsByRole[role].includes(permission);
}

/** True when `role` is `min` or above it (owner > manager > specialist > agent). */
export function isAtLeast(role: Role, min: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(min);
}

/** Per role, the largest amount (minor units) it may move without approval; null = unlimited. */
export type ApprovalLimits = Record<Role, number | null>;

/** Defined with the policy document, which carries it (`policy.approvalLimits`). */
export { approvalLimitsSchema };

// In the shop's currency's minor units: 100.00 for an agent, 500.00 for a specialist. A shop whose
// currency has no minor unit (JPY) or a different scale sets its own in the policy.
export const defaultApprovalLimits: ApprovalLimits = { agent: 10_000, specialist: 50_000, manager: null, owner: null };

/** Money above the acting role's limit waits for approval. */
export function needsApproval(role: Role, amountMinor: number, limits: ApprovalLimits): boolean {
  const max = limits[role];
  return max !== null && amountMinor > max;
}

/** Whether `role` may release a held amount: it has the right and its own limit covers the sum. */
export function canApproveHeld(role: Role, amountMinor: number, limits: ApprovalLimits): boolean {
  return can(role, 'cases.approve_over_limit') && !needsApproval(role, amountMinor, limits);
}

/** The escalation ladder: 1 first line, 2 specialists, 3 managers (the same tiers as routing). */
export type Tier = 1 | 2 | 3;

const tierByRole: Record<Role, Tier> = { agent: 1, specialist: 2, manager: 3, owner: 3 };

export function tierOf(role: Role): Tier {
  return tierByRole[role];
}

/** The tier above, or null at the top (managers). */
export function nextTier(tier: Tier): Tier | null {
  return tier === 3 ? null : ((tier + 1) as Tier);
}
