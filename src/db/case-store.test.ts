import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createShop } from '../../test/helpers/factory';
import { fixedClock } from '../lib/clock';
import { createServices } from '../services';
import { allocateCaseNumber, newCaseStatements } from './case-opening';
import { caseChangeStatements, commitBatch } from './case-store';

describe('case repository: one versioned batch per change', () => {
  it('a second writer at the same version is refused whole: no status change, no audit row, no side rows', async () => {
    const s = createServices(env, { clock: fixedClock(1_000) });
    const shop = await createShop(env.DB, {}, 1_000);
    const id = s.newId('case');
    const number = await allocateCaseNumber(s, shop.id);
    const opened = {
      type: 'ReturnRequested' as const,
      from: null,
      to: 'requested' as const,
      actor: 'shopper',
      reason: null,
      at: 1_000,
      data: {},
    };
    await commitBatch(
      s,
      shop.id,
      newCaseStatements(s, {
        row: {
          id,
          number,
          shopId: shop.id,
          type: 'return',
          status: 'requested',
          source: 'portal',
          currency: 'USD',
          createdAt: 1_000,
          updatedAt: 1_000,
        },
        items: [],
        events: [opened],
      }),
    );

    const change = (to: 'approved' | 'rejected', marker: string) =>
      caseChangeStatements(s, {
        shopId: shop.id,
        caseId: id,
        expectedVersion: 1,
        set: { status: to },
        events: [
          {
            type: to === 'approved' ? 'ReturnApproved' : 'ReturnRejected',
            from: 'requested',
            to,
            actor: 'agent:a',
            reason: null,
            at: 2_000,
            data: {},
          },
        ],
        statements: [
          env.DB.prepare(
            'INSERT INTO tags (id, shop_id, kind, code, label, created_at) VALUES (?, ?, ?, ?, ?, 0)',
          ).bind(marker, shop.id, 'tag', marker, marker),
        ],
      });
    await commitBatch(s, shop.id, change('approved', 'first'));
    await expect(commitBatch(s, shop.id, change('rejected', 'second'))).rejects.toMatchObject({ code: 'conflict' });

    const row = await env.DB.prepare('SELECT status, version FROM cases WHERE id = ?').bind(id).first();
    expect(row).toEqual({ status: 'approved', version: 2 });
    const events = await env.DB.prepare('SELECT type FROM case_events WHERE case_id = ? ORDER BY rowid').bind(id).all();
    expect(events.results.map((e) => e.type)).toEqual(['ReturnRequested', 'ReturnApproved']);
    const tags = await env.DB.prepare('SELECT code FROM tags WHERE shop_id = ?').bind(shop.id).all();
    expect(tags.results.map((t) => t.code)).toEqual(['first']);
  });

  it('case numbers are allocated once each under concurrency', async () => {
    const s = createServices(env, { clock: fixedClock(1_000) });
    const shop = await createShop(env.DB, {}, 1_000);
    const numbers = await Promise.all(Array.from({ length: 20 }, () => allocateCaseNumber(s, shop.id)));
    expect(new Set(numbers).size).toBe(20);
    expect(Math.min(...numbers)).toBe(1001);
  });
});
