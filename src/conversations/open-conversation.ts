/**
 * Opens a case from a customer's first message (an email, the portal's contact form): the case
 * row, its opening event, the message and a new customer when the sender is new, in ONE batch.
 */
import { decide, isDecideError } from '../cases/state-machine';
import { allocateCaseNumber, newCaseStatements } from '../db/case-opening';
import { commitBatch } from '../db/case-store';
import type { ShopRow } from '../db/shops';
import type { Effect } from '../queue/effects';
import type { Services } from '../services';
import type { Classification } from './intent';
import { messageStatement, type MessageRow } from './message-store';

export interface OpenConversationInput {
  shop: ShopRow;
  customerId: string;
  orderId: string | null;
  classification: Classification;
  /** The opening message, without its case id (given here). */
  message: Omit<MessageRow, 'caseId'>;
  source: 'email' | 'portal';
  locale: string;
  currency: string;
  /** Written in the same batch (a new customer row). */
  statements?: D1PreparedStatement[];
}

export interface OpenedConversation {
  caseId: string;
  number: number;
  effects: Effect[];
}

export async function openConversationCase(s: Services, input: OpenConversationInput): Promise<OpenedConversation> {
  const { shop, classification: c, message } = input;
  const now = message.at;
  const actor = input.source === 'email' ? `customer:${message.fromAddress}` : 'shopper';
  const events = decide(
    null,
    { type: 'open', caseType: c.caseType },
    { actor, at: now, reason: message.subject || null },
  );
  if (isDecideError(events)) throw new Error(events.message);
  const caseId = s.newId('case');
  const number = await allocateCaseNumber(s, shop.id);
  const data = {
    intent: c.intent,
    priority: c.priority,
    tags: c.tags,
    channel: message.channel,
    messageId: message.id,
  };
  await commitBatch(s, shop.id, [
    ...(input.statements ?? []),
    ...newCaseStatements(s, {
      row: {
        id: caseId,
        number,
        shopId: shop.id,
        orderId: input.orderId,
        customerId: input.customerId,
        type: c.caseType,
        status: 'requested',
        priority: c.priority,
        tier: 1,
        source: input.source,
        tags: c.tags,
        locale: input.locale,
        currency: input.currency,
        createdAt: now,
        updatedAt: now,
      },
      items: [],
      events: events.map((e) => ({ ...e, data: { ...e.data, ...data } })),
      statements: [messageStatement(s, { ...message, caseId, openedCase: true })],
    }),
  ]);
  return {
    caseId,
    number,
    effects: [{ kind: 'sla', shopId: shop.id, caseId, signal: 'start', priority: c.priority, at: now }],
  };
}
