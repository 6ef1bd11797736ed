/**
 * Submit: check the request with the portal's checks (photos, exchange stock, policy → 422 naming
 * the items), then run the Cases command `openReturn`, which writes the case, its items and events
 * and the `return_confirmation` outbox row in one batch, and finally run its effects (SLA start,
 * email delivery job).
 */
import { openReturn } from '../commands/open-return';
import { runEffects } from '../commands/effects';
import type { Services } from '../services';
import type { ReturnRequest } from './return-request';
import type { ShopperOrder } from './shopper-order';
import { checkReturnRequest, type SubmitOptions } from './submit';

export async function openShopperReturn(s: Services, so: ShopperOrder, req: ReturnRequest, opts: SubmitOptions): Promise<{ caseId: string; number: number }> {
  const checked = await checkReturnRequest(s, so, req, opts.f);
  const result = await openReturn(s, {
    shopId: so.shop.id,
    orderId: so.order.id,
    source: 'portal',
    actor: 'shopper',
    items: checked.request.items,
    resolution: checked.request.resolution,
    exchange: checked.request.exchange,
    method: checked.request.method,
    pickup: checked.request.pickup,
    locale: opts.f.locale,
  });
  await runEffects(s, result.effects);
  return { caseId: result.caseId, number: result.number };
}
