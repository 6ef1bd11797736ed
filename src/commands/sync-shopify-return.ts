/**
 * Keeps a case and a Shopify Return in agreement (`returns/request|approve|decline|close|cancel|
 * reopen`): first sight opens the case (keyed by the Return gid), then the case moves to where
 * Shopify says the return is. A transition the state machine refuses (already there, or past it)
 * is a no-op, so a redelivered or out-of-order webhook changes nothing. Idempotent end to end.
 * A Return Aftercare itself cancelled and replaced (to add exchange lines) is ignored; one it created
 * but had not linked yet is claimed by its case instead of opening another.
 */
import type { CaseCommand } from '../cases/state-machine';
import { decide, evolveAll, isDecideError } from '../cases/state-machine';
import { commit, findCaseByPlatformRef, handleCase, refuse } from '../db/case-store';
import { pickupCancelFor, transitionEndsPickup } from '../pickups/cancel';
import type { Services } from '../services';
import { slaSignalFor, type Effect } from '../queue/effects';
import { claimCreatedReturn } from './claim-shopify-return';
import { openPlatformCase } from './open-platform-case';
import { replacedReturnHolder } from './replace-shopify-return';
import { skippedStepStatements } from '../help/skipped-steps';

export interface ShopifyReturnChange {
  returnGid: string;
  orderGid: string;
  change: 'requested' | 'approved' | 'declined' | 'closed' | 'cancelled' | 'reopened';
  declineReason: string | null;
  items: Array<{ platformLineId: string | null; quantity: number; reason: string; note: string | null }>;
}

const commandFor: Record<ShopifyReturnChange['change'], CaseCommand | null> = {
  requested: null,
  approved: { type: 'approve' },
  declined: { type: 'reject' },
  closed: { type: 'close' },
  cancelled: { type: 'close' },
  reopened: { type: 'reopen' },
};

export async function syncShopifyReturn(
  s: Services,
  shopId: string,
  sync: ShopifyReturnChange,
): Promise<{ caseId: string; created: boolean; moved: boolean; effects: Effect[] }> {
  // A Return we cancelled to make again with exchange lines: its news moves nothing.
  const replacedBy = await replacedReturnHolder(s, shopId, sync.orderGid, sync.returnGid, sync.change);
  if (replacedBy) return { caseId: replacedBy, created: false, moved: false, effects: [] };
  // A Return our job created but had not linked yet (it may have died): its case claims it.
  if (!(await findCaseByPlatformRef(s, shopId, sync.returnGid))) await claimCreatedReturn(s, shopId, sync);
  const opened = await openPlatformCase(s, {
    shopId,
    platformRef: sync.returnGid,
    source: 'shopify',
    actor: 'shopify',
    complaint: false,
    orderGid: sync.orderGid,
    reason: 'return opened in Shopify',
    items: sync.items,
  });
  const effects = [...opened.effects];
  const command = commandFor[sync.change];
  if (!command) return { caseId: opened.row.id, created: opened.created, moved: false, effects };
  const unmoved = { caseId: opened.row.id, created: opened.created, moved: false, effects };
  return handleCase(s, shopId, opened.row.id, async (loaded) => {
    if (!loaded) return refuse(unmoved);
    const at = s.clock.now();
    const reason = sync.change === 'cancelled' ? 'return cancelled in Shopify' : sync.declineReason;
    const events = decide(loaded.state, command, { actor: 'shopify', at, reason });
    if (isDecideError(events)) return refuse(unmoved);
    const after = evolveAll(loaded.state, events)!;
    // Declined or closed in Shopify before the parcel moved: its pickup is cancelled too.
    const cancel = transitionEndsPickup(loaded.state, after.status)
      ? await pickupCancelFor(s, shopId, loaded.row.id)
      : { statements: [], effects: [] };
    const signals = events.flatMap((e) => {
      const signal = slaSignalFor(e.from, e.to);
      return signal
        ? [{ kind: 'sla' as const, shopId, caseId: loaded.row.id, signal, priority: loaded.row.priority, at }]
        : [];
    });
    const set = {
      status: after.status,
      resumeStatus: after.resumeStatus,
      updatedAt: at,
      ...(after.status === 'closed' ? { closedAt: at } : {}),
      ...(sync.change === 'reopened' ? { closedAt: null } : {}),
    };
    // Closed in Shopify with checklist steps unticked: recorded like any other close.
    const skipped =
      after.status === 'closed' && loaded.state.status !== 'closed'
        ? await skippedStepStatements(s, shopId, loaded, at, 'shopify')
        : [];
    return commit(
      { events, statements: [...cancel.statements, ...skipped], set },
      { ...unmoved, moved: true, effects: [...effects, ...signals, ...cancel.effects] },
    );
  });
}
