import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { openReturn } from '../../src/commands/open-return';
import { defaultPolicy } from '../../src/cases/policy-schema';
import { AppError } from '../../src/http/errors';
import { createOrder, createShop } from '../helpers/factory';
import { caseServices } from './helpers';

describe('openReturn', () => {
  it('422 names every ineligible item with its reason code, and writes nothing', async () => {
    const { s, clock } = caseServices();
    const shop = await createShop(env.DB, {}, clock.now());
    const { order, lines } = await createOrder(
      env.DB,
      shop.id,
      {
        deliveredDaysAgo: 5,
        lines: [{ title: 'Scarf', productTags: ['final-sale'] }, { title: 'Tee', quantity: 1 }, { title: 'Jeans' }],
      },
      clock.now(),
    );
    const err = (await openReturn(s, {
      shopId: shop.id,
      orderId: order.id,
      resolution: 'refund',
      method: 'drop_off',
      items: [
        { lineItemId: lines[0]!.id, quantity: 1, reason: 'too_small' },
        { lineItemId: lines[1]!.id, quantity: 2, reason: 'too_small' },
        { lineItemId: lines[2]!.id, quantity: 1, reason: 'damaged' },
      ],
    }).catch((e: unknown) => e)) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(422);
    expect(err.extra!.lines).toEqual([
      { lineItemId: lines[0]!.id, title: 'Scarf', code: 'final_sale', messageKey: 'policy.final_sale' },
      { lineItemId: lines[1]!.id, title: 'Tee', code: 'quantity_exceeds', messageKey: 'policy.quantity_exceeds' },
      { lineItemId: lines[2]!.id, title: 'Jeans', code: 'photo_required', messageKey: 'policy.photo_required' },
    ]);
    expect(
      await env.DB.prepare('SELECT COUNT(*) AS n FROM cases WHERE shop_id = ?').bind(shop.id).first<number>('n'),
    ).toBe(0);
  });

  it('auto-approve rules approve at once; units already in a case cannot be returned twice', async () => {
    const { s, clock } = caseServices();
    const policy = {
      ...defaultPolicy(),
      autoApprove: [
        {
          name: 'size swaps',
          when: [{ field: 'reason' as const, op: 'in' as const, value: ['too_small'] }],
          then: 'approve' as const,
        },
      ],
    };
    const shop = await createShop(env.DB, { policy }, clock.now());
    const { order, lines } = await createOrder(
      env.DB,
      shop.id,
      { deliveredDaysAgo: 5, lines: [{ quantity: 1 }] },
      clock.now(),
    );
    const input = {
      shopId: shop.id,
      orderId: order.id,
      resolution: 'refund' as const,
      method: 'drop_off' as const,
      items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_small' }],
    };
    const first = await openReturn(s, input);
    expect(first.status).toBe('approved');
    expect(first.number).toBe(1001);
    const events = await env.DB.prepare(
      'SELECT type, actor, reason FROM case_events WHERE case_id = ? ORDER BY at, rowid',
    )
      .bind(first.caseId)
      .all();
    expect(events.results).toEqual([
      { type: 'ReturnRequested', actor: 'shopper', reason: null },
      { type: 'ReturnApproved', actor: 'system', reason: 'rule:size swaps' },
    ]);
    await expect(openReturn(s, input)).rejects.toMatchObject({
      code: 'unprocessable',
      extra: { lines: [{ code: 'already_returned' }] },
    });
  });
});
