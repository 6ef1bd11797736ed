/** The audit events of the team: who invited whom, changed a role, deactivated a member. */
import { changedFields } from '../db/changed-fields';
import type { ShopEvent } from '../db/shop-event-rows';
import type { ShopEventType } from '../db/shop-event-types';
import type { MemberPatch, MemberRow } from './members';

/** Deactivation says more than a role change, which says more than any other edit. */
function memberEventType(before: MemberRow, patch: MemberPatch): ShopEventType {
  if (patch.active === false && before.active) return 'MemberDeactivated';
  if (patch.role !== undefined && patch.role !== before.role) return 'MemberRoleChanged';
  return 'MemberChanged';
}

export function memberChangedEvent(before: MemberRow, patch: MemberPatch, actor: string): ShopEvent {
  const keys = Object.keys(patch).filter((k) => patch[k as keyof MemberPatch] !== undefined) as (keyof MemberPatch)[];
  const was = Object.fromEntries(keys.map((k) => [k, before[k] ?? null]));
  const now = Object.fromEntries(keys.map((k) => [k, patch[k] ?? null]));
  return {
    shopId: before.shopId,
    type: memberEventType(before, patch),
    actor,
    data: { memberId: before.id, name: before.name, ...changedFields(was, now) },
  };
}

export function memberInvitedEvent(m: MemberRow, actor: string): ShopEvent {
  return {
    shopId: m.shopId,
    type: 'MemberInvited',
    actor,
    data: { memberId: m.id, name: m.name, email: m.email, role: m.role },
  };
}
