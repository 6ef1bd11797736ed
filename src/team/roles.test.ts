import { describe, expect, it } from 'vitest';
import {
  approvalLimitsSchema,
  can,
  canApproveHeld,
  defaultApprovalLimits,
  isAtLeast,
  needsApproval,
  nextTier,
  type Permission,
  permissions,
  permissionsByRole,
  type Role,
  roles,
  tierOf,
} from './roles';

// Written out by hand, not derived: a change to the table has to be made here too, on purpose.
// Columns: agent, specialist, manager, owner.
const expected: Record<Permission, string> = {
  'cases.read': 'YYYY',
  'cases.work': 'YYYY',
  'members.read': 'YYYY',
  'metrics.read': 'YYYY',
  'cases.assign': '-YYY',
  'cases.approve_warranty': '-YYY',
  'cases.approve_high_value': '-YYY',
  'cases.approve_over_limit': '--YY',
  'policy.write': '--YY',
  'sla.write': '--YY',
  'templates.write': '--YY',
  'members.write': '--YY',
  'exports.read': '--YY',
  'operations.write': '--YY',
  'audit.read': '--YY',
  'shop.write': '---Y',
};

const matrix = permissions.flatMap((permission) =>
  roles.map((role, i) => [role, permission, expected[permission][i] === 'Y'] as const),
);

describe('roles: the permission table', () => {
  it.each(matrix)('%s may %s: %s', (role, permission, allowed) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it('covers every permission in the expected table', () => {
    expect(Object.keys(expected).sort()).toEqual([...permissions].sort());
  });

  it('gives each role everything of the role below it', () => {
    for (const [lower, higher] of [
      ['agent', 'specialist'],
      ['specialist', 'manager'],
      ['manager', 'owner'],
    ] as const) {
      for (const p of permissionsByRole[lower]) expect(can(higher, p)).toBe(true);
    }
  });

  it.each([
    ['agent', 'agent', true],
    ['agent', 'specialist', false],
    ['manager', 'specialist', true],
    ['owner', 'manager', true],
    ['specialist', 'owner', false],
  ] as const)('%s is at least %s: %s', (role, min, result) => {
    expect(isAtLeast(role, min)).toBe(result);
  });
});

describe('roles: money above the limit needs approval', () => {
  const limits = { agent: 10_000, specialist: 50_000, manager: 200_000, owner: null };

  it.each([
    ['agent', 10_000, false],
    ['agent', 10_001, true],
    ['specialist', 50_000, false],
    ['specialist', 50_001, true],
    ['manager', 200_001, true],
    ['owner', 99_999_999, false],
    ['agent', 0, false],
  ] as const)('%s moving %i: needs approval %s', (role, amount, held) => {
    expect(needsApproval(role, amount, limits)).toBe(held);
  });

  it.each([
    ['agent', 5_000, false],
    ['specialist', 20_000, false],
    ['manager', 150_000, true],
    ['manager', 250_000, false],
    ['owner', 250_000, true],
  ] as const)('%s may release a held %i: %s', (role, amount, allowed) => {
    expect(canApproveHeld(role, amount, limits)).toBe(allowed);
  });

  it('defaults hold an agent above 100.00 and leave managers and owners unlimited', () => {
    expect(needsApproval('agent', 10_001, defaultApprovalLimits)).toBe(true);
    expect(needsApproval('specialist', 50_000, defaultApprovalLimits)).toBe(false);
    expect(needsApproval('manager', Number.MAX_SAFE_INTEGER, defaultApprovalLimits)).toBe(false);
    expect(approvalLimitsSchema.parse(defaultApprovalLimits)).toEqual(defaultApprovalLimits);
  });

  it('rejects negative or fractional limits', () => {
    expect(approvalLimitsSchema.safeParse({ ...defaultApprovalLimits, agent: -1 }).success).toBe(false);
    expect(approvalLimitsSchema.safeParse({ ...defaultApprovalLimits, agent: 1.5 }).success).toBe(false);
  });
});

describe('roles: the escalation ladder', () => {
  it.each([
    ['agent', 1],
    ['specialist', 2],
    ['manager', 3],
    ['owner', 3],
  ] as const satisfies ReadonlyArray<readonly [Role, number]>)('%s works tier %i', (role, tier) => {
    expect(tierOf(role)).toBe(tier);
  });

  it('climbs first line → specialist → manager and stops there', () => {
    expect(nextTier(1)).toBe(2);
    expect(nextTier(2)).toBe(3);
    expect(nextTier(3)).toBeNull();
  });
});
