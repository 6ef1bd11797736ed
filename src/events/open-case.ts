import { slaSignalFor, runEffects } from '../commands/effects';
import { decide, isDecideError, type CaseCommand } from '../cases/state-machine';
import type { Priority } from '../cases/policy-schema';
import { allocateCaseNumber, caseChangeStatements, commitBatch, findCaseByPlatformRef, isConflict, loadCase, newCaseStatements, type CaseRow } from '../db/cases';
import type { caseItems, cases } from '../db/schema';
import type { Services } from '../services';

/**
 * The smallest honest bridge from a platform fact to a case while the Cases area's commands
 * (`sync-shopify-return`, `open-complaint`) are not there: open a case keyed by its platform ref
 * (unique per shop, so concurrent deliveries open one), or move an existing one through the
 * domain's `decide`, written with the case repository's one versioned batch.
 */
export interface PlatformCaseInput {
  shopId: string;
  platformRef: string;
  type: (typeof cases.$inferInsert)['type'];
  source: 'shopify' | 'stripe';
  actor: string;
  orderGid: string | null;
  priority?: Priority;
  tags?: string[];
  reason?: string | null;
  items?: Array<Omit<typeof caseItems.$inferInsert, 'id' | 'shopId' | 'caseId' | 'createdAt' | 'orderLineId'>>;
}

export async function ensurePlatformCase(s: Services, input: PlatformCaseInput): Promise<{ row: CaseRow; created: boolean }> {
  const existing = await findCaseByPlatformRef(s, input.shopId, input.platformRef);
  if (existing) return { row: existing, created: false };
  const d1 = s.d1(input.shopId);
  const order = input.orderGid
    ? await d1
        .prepare('SELECT id, customer_id, currency, locale FROM orders WHERE shop_id = ?1 AND platform_id = ?2')
        .bind(input.shopId, input.orderGid)
        .first<{ id: string; customer_id: string | null; currency: string; locale: string | null }>()
    : null;
  const shop = await d1.prepare('SELECT currency FROM shops WHERE id = ?1').bind(input.shopId).first<{ currency: string }>();
  const at = s.clock.now();
  const id = s.newId('case');
  const opened = decide(null, { type: 'open', caseType: input.type }, { actor: input.actor, reason: input.reason ?? null, at });
  if (isDecideError(opened)) throw new Error(opened.message);
  const lineIds = new Map<string, string>();
  for (const item of input.items ?? []) {
    if (!item.platformLineId) continue;
    const line = await d1.prepare('SELECT id FROM order_lines WHERE shop_id = ?1 AND platform_id = ?2').bind(input.shopId, item.platformLineId).first<{ id: string }>();
    if (line) lineIds.set(item.platformLineId, line.id);
  }
  const number = await allocateCaseNumber(s, input.shopId);
  try {
    await commitBatch(
      s,
      input.shopId,
      newCaseStatements(s, {
        row: {
          id,
          number,
          shopId: input.shopId,
          orderId: order?.id ?? null,
          customerId: order?.customer_id ?? null,
          type: input.type,
          status: 'requested',
          priority: input.priority ?? 'normal',
          source: input.source,
          platformRef: input.platformRef,
          tags: input.tags ?? [],
          locale: order?.locale ?? 'en',
          currency: order?.currency ?? shop?.currency ?? 'USD',
          createdAt: at,
          updatedAt: at,
        },
        items: (input.items ?? []).map((item) => ({
          ...item,
          id: s.newId('item'),
          shopId: input.shopId,
          caseId: id,
          orderLineId: item.platformLineId ? (lineIds.get(item.platformLineId) ?? null) : null,
          createdAt: at,
        })),
        events: opened.map((e) => ({ ...e, data: { ...e.data, platformRef: input.platformRef } })),
      }),
    );
  } catch (err) {
    // Another delivery opened it first (unique shop + platform ref): use theirs.
    if (!isConflict(err)) throw err;
    const winner = await findCaseByPlatformRef(s, input.shopId, input.platformRef);
    if (!winner) throw err;
    return { row: winner, created: false };
  }
  await runEffects(s, [{ kind: 'sla', shopId: input.shopId, caseId: id, signal: 'start', priority: input.priority ?? 'normal', at }]);
  const row = await findCaseByPlatformRef(s, input.shopId, input.platformRef);
  if (!row) throw new Error(`case ${id} vanished after insert`);
  return { row, created: true };
}

/**
 * Moves a case by a domain command; a command the state machine refuses (already there, or past
 * it) is a no-op, which is what makes a redelivered or out-of-order platform event harmless.
 */
export async function moveCase(s: Services, shopId: string, caseId: string, command: CaseCommand, actor: string, reason: string | null): Promise<boolean> {
  const loaded = await loadCase(s, shopId, caseId);
  if (!loaded) return false;
  const at = s.clock.now();
  const events = decide(loaded.state, command, { actor, reason, at });
  if (isDecideError(events)) return false;
  const last = events.at(-1)!;
  const set: Partial<CaseRow> = { status: last.to, updatedAt: at };
  if (last.to === 'closed') set.closedAt = at;
  await commitBatch(s, shopId, caseChangeStatements(s, { shopId, caseId, expectedVersion: loaded.row.version, set, events }));
  const signal = slaSignalFor(loaded.row.status, last.to);
  if (signal) await runEffects(s, [{ kind: 'sla', shopId, caseId, signal, priority: loaded.row.priority, at }]);
  return true;
}
