import { hmacKey, timingSafeEqual, toHex } from '../lib/crypto';
import type { InboundMail } from './parse-mail';

/**
 * How a reply finds its case. Our mail goes out from `reply+<case number>-<tag>@<domain>`, where the
 * tag is a truncated HMAC of shop and case number: guessing a case number is easy, guessing its tag
 * is not, so a stranger cannot post onto someone else's case. Our Message-IDs name the case too,
 * so `In-Reply-To`/`References` find it when a client drops the reply address.
 */
export const REPLY_LOCAL_PREFIX = 'reply+';
// 48 bits: enough that guessing by mail is hopeless, short enough that the address stays readable.
const TAG_HEX_LENGTH = 12;
const REPLY_LOCAL = /^reply\+(\d{1,12})-([0-9a-f]+)$/;
const OUR_MESSAGE_ID = /^(case_[0-9A-Za-z]+)\.([a-z]+_[0-9A-Za-z]+)@[^@\s]+$/;

export type ReplySecret = string | CryptoKey;

export interface ReplyAddressInput {
  shopId: string;
  caseNumber: number;
  /** The shop's mail domain, e.g. `demo-shop.example`. */
  domain: string;
  secret: ReplySecret;
}

async function tagFor(shopId: string, caseNumber: number, secret: ReplySecret): Promise<string> {
  const key = typeof secret === 'string' ? await hmacKey(secret) : secret;
  const data = new TextEncoder().encode(`reply-address:${shopId}:${caseNumber}`);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, data));
  return toHex(mac).slice(0, TAG_HEX_LENGTH);
}

export async function replyAddressFor({ shopId, caseNumber, domain, secret }: ReplyAddressInput): Promise<string> {
  return `${REPLY_LOCAL_PREFIX}${caseNumber}-${await tagFor(shopId, caseNumber, secret)}@${domain.toLowerCase()}`;
}

/** The case number a reply address names, or null when it is not ours or its tag does not match. */
export async function caseFromReplyAddress(
  address: string,
  { shopId, secret }: { shopId: string; secret: ReplySecret },
): Promise<number | null> {
  const local = address.trim().toLowerCase().split('@')[0] ?? '';
  const m = REPLY_LOCAL.exec(local);
  if (!m) return null;
  const caseNumber = Number(m[1]);
  return timingSafeEqual(m[2]!, await tagFor(shopId, caseNumber, secret)) ? caseNumber : null;
}

/** `<case_….msg_…@domain>`, the Message-ID of a message we send on a case. */
export function outgoingMessageId({
  caseId,
  messageId,
  domain,
}: {
  caseId: string;
  messageId: string;
  domain: string;
}) {
  return `<${caseId}.${messageId}@${domain.toLowerCase()}>`;
}

/** The case id inside one of our Message-IDs (without angle brackets), or null for anyone else's. */
export function caseIdOfMessageId(id: string): string | null {
  return OUR_MESSAGE_ID.exec(id)?.[1] ?? null;
}

export interface ThreadKeys {
  /** In-Reply-To, then References from newest to oldest, each once. */
  messageIds: string[];
  /** Cases named by those ids when they are ours, in the same order. */
  caseIds: string[];
  /** Recipients that look like our reply addresses; check each with caseFromReplyAddress. */
  replyAddresses: string[];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** What to look up to thread a message; `envelopeTo` is Email Routing's `message.to` (Bcc'd replies). */
export function threadKeysOf(
  mail: Pick<InboundMail, 'inReplyTo' | 'references' | 'to' | 'cc'>,
  envelopeTo?: string,
): ThreadKeys {
  const messageIds = unique([...(mail.inReplyTo ? [mail.inReplyTo] : []), ...[...mail.references].reverse()]);
  const recipients = [...mail.to, ...mail.cc].map((a) => a.address).concat(envelopeTo ?? []);
  return {
    messageIds,
    caseIds: unique(messageIds.flatMap((id) => caseIdOfMessageId(id) ?? [])),
    replyAddresses: unique(
      recipients.map((a) => a.trim().toLowerCase()).filter((a) => a.startsWith(REPLY_LOCAL_PREFIX)),
    ),
  };
}
