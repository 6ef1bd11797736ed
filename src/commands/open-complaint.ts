/**
 * Opens a complaint: a payment dispute (Stripe `charge.dispute.created`) or a low survey score.
 * Complaints start at tier 2 (specialists) and high priority at least; one case per dispute or
 * per survey, however often the fact arrives.
 */
import type { Services } from '../services';
import type { Effect } from '../queue/effects';
import { openPlatformCase } from './open-platform-case';

export type ComplaintInput =
  | {
      kind: 'dispute';
      shopId: string;
      disputeId: string;
      orderId?: string | null;
      orderGid?: string | null;
      reason: string | null;
      amountMinor?: number;
      currency?: string;
    }
  | {
      kind: 'survey';
      shopId: string;
      surveyId: string;
      orderId?: string | null;
      score: number;
      comment: string | null;
    };

export async function openComplaint(
  s: Services,
  input: ComplaintInput,
): Promise<{ caseId: string; created: boolean; effects: Effect[] }> {
  const opened =
    input.kind === 'dispute'
      ? await openPlatformCase(s, {
          shopId: input.shopId,
          platformRef: input.disputeId,
          source: 'stripe',
          actor: 'stripe',
          complaint: true,
          orderId: input.orderId ?? null,
          orderGid: input.orderGid ?? null,
          reason: input.reason ? `dispute: ${input.reason}` : 'payment disputed',
          minPriority: 'high',
          tags: ['dispute'],
          data: { amountMinor: input.amountMinor ?? null, currency: input.currency ?? null },
        })
      : await openPlatformCase(s, {
          shopId: input.shopId,
          platformRef: `survey:${input.surveyId}`,
          source: 'survey',
          actor: 'shopper',
          complaint: true,
          orderId: input.orderId ?? null,
          reason: input.comment ? `low score ${input.score}: ${input.comment}` : `low score ${input.score}`,
          tags: ['low_score'],
          data: { score: input.score },
        });
  return { caseId: opened.row.id, created: opened.created, effects: opened.effects };
}
