import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createShop } from '../../test/helpers/factory';
import type { CaseEvent } from '../cases/state-machine';
import { fixedClock } from '../lib/clock';
import { createServices, type Services } from '../services';
import { allocateCaseNumber, newCaseStatements } from './case-opening';
import { CASE_ATTEMPTS, caseChangeStatements, commit, commitBatch, handleCase, refuse } from './case-store';

const note = (text: string): CaseEvent => ({
  type: 'NoteAdded',
  from: 'requested',
  to: 'requested',
  actor: 'agent:a',
  reason: text,
  at: 2_000,
  data: {},
});

async function openCase(s: Services) {
  const shop = await createShop(env.DB, {}, 1_000);
  const id = s.newId('case');
  const number = await allocateCaseNumber(s, shop.id);
  const row = {
    id,
    number,
    shopId: shop.id,
    type: 'return' as const,
    status: 'requested' as const,
    source: 'portal' as const,
    currency: 'USD',
    createdAt: 1_000,
    updatedAt: 1_000,
  };
  const opened = { ...note('opened'), type: 'ReturnRequested' as const, from: null };
  await commitBatch(s, shop.id, newCaseStatements(s, { row, items: [], events: [opened] }));
  return { shopId: shop.id, caseId: id };
}

/** Another writer's committed change, as a racing request would make it. */
async function writeMeanwhile(s: Services, shopId: string, caseId: string, version: number, text: string) {
  await commitBatch(
    s,
    shopId,
    caseChangeStatements(s, { shopId, caseId, expectedVersion: version, set: {}, events: [note(text)] }),
  );
}

const eventReasons = async (caseId: string) =>
  (
    await env.DB.prepare('SELECT reason FROM case_events WHERE case_id = ? ORDER BY rowid')
      .bind(caseId)
      .all<{ reason: string }>()
  ).results.map((r) => r.reason);

describe('handleCase: load → decide → commit at version → retry', () => {
  it('a writer that commits between the load and the commit makes it decide again, on the fresh case', async () => {
    const s = createServices(env, { clock: fixedClock(2_000) });
    const { shopId, caseId } = await openCase(s);
    const seen: number[] = [];
    const result = await handleCase(s, shopId, caseId, async (loaded) => {
      seen.push(loaded!.row.version);
      if (seen.length === 1) await writeMeanwhile(s, shopId, caseId, loaded!.row.version, 'meanwhile');
      return commit({ set: {}, events: [note('mine')] }, `decided at ${loaded!.row.version}`);
    });
    expect(seen).toEqual([1, 2]);
    expect(result).toBe('decided at 2');
    expect(await eventReasons(caseId)).toEqual(['opened', 'meanwhile', 'mine']);
    const row = await env.DB.prepare('SELECT version FROM cases WHERE id = ?').bind(caseId).first();
    expect(row).toEqual({ version: 3 });
  });

  it('is bounded: losing every race, it gives up after CASE_ATTEMPTS with the 409 and writes nothing of its own', async () => {
    const s = createServices(env, { clock: fixedClock(2_000) });
    const { shopId, caseId } = await openCase(s);
    let decided = 0;
    const losing = handleCase(s, shopId, caseId, async (loaded) => {
      decided++;
      await writeMeanwhile(s, shopId, caseId, loaded!.row.version, `meanwhile ${decided}`);
      return commit({ set: {}, events: [note('mine')] }, 'never');
    });
    await expect(losing).rejects.toMatchObject({ code: 'conflict' });
    expect(decided).toBe(CASE_ATTEMPTS);
    expect(await eventReasons(caseId)).not.toContain('mine');
  });

  it('a refusal answers without writing; a missing case is the decider’s to answer', async () => {
    const s = createServices(env, { clock: fixedClock(2_000) });
    const { shopId, caseId } = await openCase(s);
    expect(await handleCase(s, shopId, caseId, () => refuse('nothing to do'))).toBe('nothing to do');
    expect(await handleCase(s, shopId, 'case_missing', (loaded) => refuse(loaded === null))).toBe(true);
    const row = await env.DB.prepare('SELECT version FROM cases WHERE id = ?').bind(caseId).first();
    expect(row).toEqual({ version: 1 });
    expect(await eventReasons(caseId)).toEqual(['opened']);
  });

  it('what the decider throws passes through at once, never retried (even a conflict of its own)', async () => {
    const s = createServices(env, { clock: fixedClock(2_000) });
    const { shopId, caseId } = await openCase(s);
    let decided = 0;
    const refused = handleCase(s, shopId, caseId, () => {
      decided++;
      throw Object.assign(new Error('refund in progress'), { code: 'conflict' });
    });
    await expect(refused).rejects.toThrow('refund in progress');
    expect(decided).toBe(1);
  });
});
