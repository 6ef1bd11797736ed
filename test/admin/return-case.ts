import { env } from 'cloudflare:workers';
import { openReturn } from '../../src/commands/open-return';
import { createServices } from '../../src/services';
import { createOrder, createShop, type ShopInput } from '../helpers/factory';
import { adminSession } from './admin-session';

/** A fresh shop with one requested refund return (one line, too small) and an operator's admin session on it. */
export async function returnCaseWithSession(shopInput: ShopInput = {}) {
  const shop = await createShop(env.DB, shopInput);
  const o = await createOrder(env.DB, shop.id, { deliveredDaysAgo: 3 });
  const items = [{ lineItemId: o.lines[0]!.id, quantity: 1, reason: 'too_small' }];
  const { caseId } = await openReturn(createServices(env), {
    shopId: shop.id,
    orderId: o.order.id,
    items,
    resolution: 'refund',
    method: 'drop_off',
  });
  return { shop, caseId, session: await adminSession(shop.domain) };
}
