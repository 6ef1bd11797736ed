/**
 * One inbound email, from raw bytes to a message on a case: size → parse → screen → shop → once
 * only → thread or open → R2 → one D1 batch → SLA effects. Never throws for anything the sender
 * sent; what is refused says why, and `bounce` is set only where rejecting at SMTP is right.
 */
import { findShopById, type ShopRow } from '../db/shops';
import { log } from '../lib/log';
import { answerWismo } from './answer-wismo';
import { toHex } from '../lib/crypto';
import { runEffects } from '../queue/effects';
import type { Services } from '../services';
import { appendCustomerMessage } from './append-message';
import { findThreadCase } from './find-thread';
import { newTextOf } from './fold-quotes';
import { classifyIntent, raisePriority } from './intent';
import { shopForRecipients, type MailShop } from './mail-directory';
import { markSupportAddressVerified } from './support-addresses';
import { hasRecentLowScore } from './unhappy-customer';
import type { MessageRow } from './message-store';
import { storeRawMail } from './message-store';
import { openConversationCase } from './open-conversation';
import { type InboundMail, parseInboundMail } from './parse-mail';
import { screenInbound, screenSize } from './screen-mail';
import {
  NEW_CASES_PER_SENDER_PER_HOUR,
  customerForEmail,
  newCasesInLastHour,
  newCustomerStatement,
  orderNamedBy,
} from './sender';

/** Cloudflare Email Routing accepts up to 25 MiB; a support desk needs far less. */
export const MAX_MAIL_BYTES = 10 * 1024 * 1024;
export { NEW_CASES_PER_SENDER_PER_HOUR } from './sender';

export interface EnvelopeMail {
  /** SMTP envelope sender and recipient (`message.from`, `message.to`). */
  from: string;
  to: string;
  rawSize: number;
  raw: Uint8Array;
}

export type ReceiveOutcome =
  | { status: 'stored'; caseId: string; messageId: string; opened: boolean }
  | { status: 'duplicate'; messageId: string }
  | { status: 'refused'; reason: string; bounce?: string };

const refused = (reason: string, bounce?: string): ReceiveOutcome =>
  bounce ? { status: 'refused', reason, bounce } : { status: 'refused', reason };

export async function receiveMail(s: Services, envelope: EnvelopeMail): Promise<ReceiveOutcome> {
  const size = screenSize(Math.max(envelope.rawSize, envelope.raw.byteLength), MAX_MAIL_BYTES);
  if (!size.accept) return refused(size.reason, size.bounce);
  const parsed = await parseInboundMail(envelope.raw);
  if (!parsed.ok) return refused(parsed.error.code);
  const mail = parsed.mail;
  const verdict = screenInbound(mail, { maxBytes: MAX_MAIL_BYTES, rawSize: envelope.raw.byteLength });
  if (!verdict.accept) return refused(verdict.reason, verdict.bounce);
  const recipients = [envelope.to, ...mail.to.map((a) => a.address), ...mail.cc.map((a) => a.address)];
  const mailShop = await shopForRecipients(s, recipients);
  if (!mailShop) return refused('unknown_recipient', 'No such mailbox here');
  const sha256 = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', envelope.raw)));
  if (await alreadyStored(s, mailShop.shopId, mail.messageId, sha256))
    return { status: 'duplicate', messageId: mail.messageId };
  const outcome = await storeMail(s, mailShop, mail, envelope, sha256);
  if (outcome.status === 'stored' && recipients.some((r) => r.trim().toLowerCase() === mailShop.address))
    await markSupportAddressVerified(s, mailShop.address, s.clock.now());
  return outcome;
}

async function alreadyStored(s: Services, shopId: string, messageId: string, sha256: string): Promise<boolean> {
  const row = await s
    .d1(shopId)
    .prepare('SELECT 1 AS found FROM messages WHERE shop_id = ? AND (message_id = ? OR raw_sha256 = ?) LIMIT 1')
    .bind(shopId, messageId, sha256)
    .first();
  return row !== null;
}

async function storeMail(
  s: Services,
  mailShop: MailShop,
  mail: InboundMail,
  envelope: EnvelopeMail,
  sha256: string,
): Promise<ReceiveOutcome> {
  const shopId = mailShop.shopId;
  const sender = (mail.from ?? mail.replyTo)!;
  const thread = await findThreadCase(s, shopId, mail, envelope.to);
  if (!thread && (await newCasesInLastHour(s, shopId, sender.address)) >= NEW_CASES_PER_SENDER_PER_HOUR)
    return refused('rate_limited', 'Too many new requests from this address; please reply to an open request instead');
  const stored = await storeRawMail(s, shopId, sha256, envelope.raw, mail.attachments);
  const message = messageRowOf(s, shopId, mail, sha256, stored);
  try {
    if (thread) {
      const actor = `customer:${sender.address.toLowerCase()}`;
      const result = await appendCustomerMessage(s, { shopId, caseId: thread.id, actor, message });
      await runEffects(s, result.effects);
      return { status: 'stored', caseId: thread.id, messageId: mail.messageId, opened: false };
    }
    return await openFromMail(s, shopId, mail, message);
  } catch (err) {
    if (isDuplicateMessage(err)) return { status: 'duplicate', messageId: mail.messageId };
    throw err;
  }
}

async function openFromMail(
  s: Services,
  shopId: string,
  mail: InboundMail,
  message: Omit<MessageRow, 'caseId'>,
): Promise<ReceiveOutcome> {
  const shop = await findShopById(s, shopId);
  if (!shop) return refused('unknown_recipient', 'No such mailbox here');
  const email = message.fromAddress;
  const customer = await customerForEmail(s, shopId, email);
  const order = await orderNamedBy(s, shopId, `${mail.subject}\n${message.text}`, { customerId: customer.id, email });
  const base = classifyIntent(mail.subject, message.text);
  // A recent low survey score means they are already unhappy (unhappy-customer.ts).
  const angry = !customer.isNew && (await hasRecentLowScore(s, shopId, { customerId: customer.id, email }));
  const classification = { ...base, priority: raisePriority(base.priority, { vip: customer.vip, angry }) };
  const locale = localeOf(base.language, customer.locale ?? order?.locale ?? shop.locale);
  const opened = await openConversationCase(s, {
    shop,
    customerId: customer.id,
    orderId: order?.id ?? null,
    classification,
    message: { ...message, customerId: customer.id },
    source: 'email',
    locale,
    currency: order?.currency ?? shop.currency,
    statements: customer.isNew
      ? [
          newCustomerStatement(
            s,
            shopId,
            { id: customer.id, email, name: message.fromName ?? null, locale },
            message.at,
          ),
        ]
      : [],
  });
  await runEffects(s, opened.effects);
  if (base.intent === 'where_is_my_order' && order) await answerWismoSafely(s, shop, opened.caseId);
  return { status: 'stored', caseId: opened.caseId, messageId: mail.messageId, opened: true };
}

/** The message is stored either way: a failed automatic answer leaves the case for an agent. */
async function answerWismoSafely(s: Services, shop: ShopRow, caseId: string): Promise<void> {
  try {
    await runEffects(s, await answerWismo(s, shop, caseId));
  } catch (err) {
    log({ kind: 'mail', outcome: 'error', durationMs: 0, caseId, step: 'wismo', error: String(err).slice(0, 300) });
  }
}

function localeOf(language: 'en' | 'zh' | 'de', fallback: string): string {
  if (language === 'zh') return 'zh-CN';
  if (language === 'de') return 'de';
  return fallback.startsWith('zh') || fallback.startsWith('de') ? 'en' : fallback;
}

function messageRowOf(
  s: Services,
  shopId: string,
  mail: InboundMail,
  sha256: string,
  stored: Awaited<ReturnType<typeof storeRawMail>>,
): Omit<MessageRow, 'caseId'> {
  const sender = (mail.from ?? mail.replyTo)!;
  const now = s.clock.now();
  return {
    id: s.newId('msg'),
    shopId,
    direction: 'in',
    channel: 'email',
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    fromAddress: sender.address.toLowerCase(),
    fromName: sender.name || null,
    toAddresses: mail.to.map((a) => a.address.toLowerCase()),
    subject: mail.subject.slice(0, 998),
    text: newTextOf(mail.text).newText,
    fullText: mail.text,
    html: mail.html,
    attachments: stored.attachments,
    rawKey: stored.rawKey,
    rawSha256: sha256,
    at: now,
    createdAt: now,
  };
}

function isDuplicateMessage(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : '';
  return text.includes('UNIQUE constraint failed: messages.');
}
