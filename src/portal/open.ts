/**
 * Submit: check the request with the portal's checks (photos, exchange stock, policy → 422 naming
 * the items), then run the Cases command `openReturn`, which writes the case, its items and events
 * and the `return_confirmation` outbox row in one batch, and finally run its effects (SLA start,
 * email delivery job).
 */
import { openReturn, replayedReturn } from '../commands/open-return';
import { runEffects } from '../queue/effects';
import type { Services } from '../services';
import type { ReturnRequest } from './return-request';
import type { ShopperOrder } from './shopper-order';
import { checkReturnRequest, type SubmitOptions } from './submit';

export async function openShopperReturn(
  s: Services,
  so: ShopperOrder,
  req: ReturnRequest,
  opts: SubmitOptions & { requestKey?: string | undefined },
): Promise<{ caseId: string; number: number; replayed: boolean }> {
  // A replay (back button, double click, a client retrying on a timeout) answers the case it
  // opened before being checked again: the first return may have used up the quantity it re-asks.
  const earlier = await replayedReturn(s, so.shop.id, opts.requestKey);
  if (earlier) return { caseId: earlier.caseId, number: earlier.number, replayed: true };
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
    requestKey: opts.requestKey,
  });
  await runEffects(s, result.effects);
  return { caseId: result.caseId, number: result.number, replayed: result.replayed ?? false };
}
