/**
 * The shopper writes on their case from the status page or the Shopper API. The case is found only
 * through the order their token names (as `loadShopperCase`), so a token never writes on another
 * order's case. The message joins the same thread as email: an agent's next reply answers it.
 */
import { AppError } from '../http/errors';
import { runEffects } from '../queue/effects';
import type { Services } from '../services';
import { appendCustomerMessage } from './append-message';
import { mailShopOf } from './mail-directory';

export const MAX_SHOPPER_MESSAGE_LENGTH = 5000;

export interface ShopperMessageInput {
  shopId: string;
  orderId: string;
  caseId: string;
  body: string;
}

export async function postShopperMessage(s: Services, input: ShopperMessageInput): Promise<{ messageId: string }> {
  const body = input.body.trim();
  if (body === '' || body.length > MAX_SHOPPER_MESSAGE_LENGTH)
    throw new AppError('validation_failed', `A message is 1 to ${MAX_SHOPPER_MESSAGE_LENGTH} characters.`);
  const target = await s
    .d1(input.shopId)
    .prepare(
      `SELECT c.id, c.customer_id, c.number, o.email FROM cases c JOIN orders o ON o.shop_id = c.shop_id AND o.id = c.order_id
       WHERE c.shop_id = ? AND c.id = ? AND c.order_id = ?`,
    )
    .bind(input.shopId, input.caseId, input.orderId)
    .first<{ id: string; customer_id: string | null; number: number; email: string | null }>();
  if (!target) throw new AppError('not_found', 'No such return for this order.');
  const mailShop = await mailShopOf(s, input.shopId);
  const id = s.newId('msg');
  const now = s.clock.now();
  const from = (target.email ?? 'shopper').toLowerCase();
  const result = await appendCustomerMessage(s, {
    shopId: input.shopId,
    caseId: target.id,
    actor: 'shopper',
    message: {
      id,
      shopId: input.shopId,
      customerId: target.customer_id,
      direction: 'in',
      channel: 'portal',
      messageId: `portal.${id}@${mailShop?.domain ?? 'aftercare.local'}`,
      fromAddress: from,
      toAddresses: mailShop ? [mailShop.address] : [],
      subject: `R-${target.number}`,
      text: body,
      fullText: body,
      at: now,
      createdAt: now,
    },
  });
  await runEffects(s, result.effects);
  return { messageId: id };
}
