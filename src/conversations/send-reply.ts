/**
 * An agent's public reply on a case: an `out` message and its outbox row, for the action's batch.
 * The email carries our Message-ID (naming the case), In-Reply-To and References of the thread,
 * and the case's reply address as Reply-To, so the customer's answer finds its way back
 * (src/conversations/find-thread.ts) whichever of them their mail client keeps.
 */
import type { CaseContact, Prepared } from '../commands/case-notifications';
import { caseLabel, statusUrl } from '../commands/case-notifications';
import type { CaseRow } from '../db/case-store';
import { AppError } from '../http/errors';
import { prepareNotification } from '../notifications/outbox';
import type { Services } from '../services';
import { mailShopOf, replySecret } from './mail-directory';
import { messageStatement } from './message-store';
import { latestMessages } from './message-queries';
import { outgoingMessageId, replyAddressFor } from './thread';

const MAX_REFERENCES = 20;
const FALLBACK_DOMAIN = 'aftercare.local';

export interface ReplyInput {
  row: CaseRow;
  contact: CaseContact;
  body: string;
  at: number;
}

export async function prepareCaseReply(s: Services, input: ReplyInput): Promise<Prepared & { messageId: string }> {
  const { row, contact, at } = input;
  const thread = await latestMessages(s, row.shopId, row.id);
  const recipient = thread.lastInbound?.fromAddress ?? contact.email ?? (await customerEmail(s, row));
  if (!recipient)
    throw new AppError('unprocessable', 'This case has no customer address to reply to.', {
      why: { code: 'no_customer_address' },
    });
  const mailShop = await mailShopOf(s, row.shopId);
  const domain = mailShop?.domain ?? hostOf(s.settings.PUBLIC_URL) ?? FALLBACK_DOMAIN;
  const id = s.newId('msg');
  const notificationId = s.newId('ntf');
  const rfcId = outgoingMessageId({ caseId: row.id, messageId: id, domain });
  const last = thread.last;
  const references = last ? [...last.references, last.messageId].slice(-MAX_REFERENCES) : [];
  const replyTo = mailShop
    ? await replyAddressFor({ shopId: row.shopId, caseNumber: row.number, domain, secret: await replySecret(s) })
    : null;
  const subject =
    (thread.firstSubject ?? '').replace(/^(?:\s*(?:re|aw|回复)\s*[:：])+\s*/i, '') || caseLabel(row.number);
  const dedupeKey = `case:${row.id}:reply:${id}`;
  const outbox = await prepareNotification(s, {
    id: notificationId,
    shopId: row.shopId,
    kind: 'case_reply',
    recipient,
    locale: row.locale,
    vars: {
      customer_name: contact.customerName,
      case_number: caseLabel(row.number),
      subject,
      body: input.body,
      status_url: statusUrl(s, contact),
    },
    dedupeKey,
    caseId: row.id,
    orderId: row.orderId,
    headers: {
      'Message-ID': rfcId,
      ...(last ? { 'In-Reply-To': `<${last.messageId}>`, References: references.map((r) => `<${r}>`).join(' ') } : {}),
      ...(replyTo ? { 'Reply-To': replyTo } : {}),
    },
  });
  const message = messageStatement(s, {
    id,
    shopId: row.shopId,
    caseId: row.id,
    customerId: row.customerId,
    direction: 'out',
    channel: 'email',
    messageId: rfcId.slice(1, -1),
    inReplyTo: last?.messageId ?? null,
    references,
    fromAddress: mailShop?.replyFrom ?? `support@${domain}`,
    toAddresses: [recipient.toLowerCase()],
    subject,
    text: input.body,
    fullText: input.body,
    notificationId,
    at,
    createdAt: at,
  });
  return {
    messageId: id,
    statements: [outbox, message],
    effects: [
      { kind: 'job', message: { kind: 'deliver-notification', shopId: row.shopId, dedupeKey } },
      { kind: 'sla', shopId: row.shopId, caseId: row.id, signal: 'reply', priority: row.priority, at },
    ],
  };
}

function hostOf(url: string | undefined): string | null {
  return url ? new URL(url).hostname : null;
}

async function customerEmail(s: Services, row: CaseRow): Promise<string | null> {
  if (!row.customerId) return null;
  const customer = await s
    .d1(row.shopId)
    .prepare('SELECT email FROM customers WHERE shop_id = ? AND id = ?')
    .bind(row.shopId, row.customerId)
    .first<{ email: string | null }>();
  return customer?.email ?? null;
}
