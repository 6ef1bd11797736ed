import PostalMime, { type Address, type Attachment, type Email, type Header } from 'postal-mime';
import { toHex } from '../lib/crypto';
import { htmlToText } from './html-to-text';

export interface MailAddress {
  address: string;
  name: string;
}

export interface InboundAttachment {
  filename: string | null;
  mimeType: string;
  size: number;
  /** Without angle brackets, as `cid:` URLs in the HTML name it. */
  contentId: string | null;
  disposition: 'attachment' | 'inline' | null;
  content: Uint8Array;
}

/** The headers that decide whether a message is a person writing to us (see screen-mail.ts). */
export interface ScreeningHeaders {
  autoSubmitted: string | null;
  /** X-Autoreply or X-Autorespond present (set by vacation responders that skip Auto-Submitted). */
  autoReplyFlag: boolean;
  precedence: string | null;
  listId: string | null;
  /** The top-level Content-Type, lowercased, without parameters. */
  contentType: string;
  /** Every Authentication-Results value, topmost (added last, by the receiving server) first. */
  authenticationResults: string[];
}

export interface InboundMail {
  /** Without angle brackets; `sha256:<hex of the raw message>` when it has none we can use. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress | null;
  subject: string;
  /** ISO 8601, or null when the Date header is missing or not a date. */
  date: string | null;
  text: string;
  html: string | null;
  headers: ScreeningHeaders;
  attachments: InboundAttachment[];
}

export type ParseMailResult =
  | { ok: true; mail: InboundMail }
  | { ok: false; error: { code: 'empty' | 'unparseable'; message: string } };

// Far above real mail, far below what would tie up a Worker: a hostile message fails fast.
const LIMITS = { maxNestingDepth: 32, maxPartCount: 500, maxHeadersSize: 256 * 1024, maxRfc822NestingDepth: 3 };
const MAX_ID_LENGTH = 998;
const MAX_REFERENCES = 100;

export function rawBytes(raw: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof raw === 'string') return new TextEncoder().encode(raw);
  return raw instanceof Uint8Array ? raw : new Uint8Array(raw);
}

/** `<a@b>` → `a@b`; null for anything that is not one plausible id. */
export function normalizeMessageId(value: string | undefined | null): string | null {
  if (!value) return null;
  const bracketed = /<([^<>\s]+)>/.exec(value);
  const id = bracketed ? bracketed[1]! : value.trim();
  return id && id.length <= MAX_ID_LENGTH && !/[\s<>]/.test(id) ? id : null;
}

export function messageIdsOf(value: string | undefined | null): string[] {
  if (!value) return [];
  const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  const ids = bracketed.length > 0 ? bracketed : value.split(/[\s,]+/);
  return ids.flatMap((id) => normalizeMessageId(id) ?? []).slice(-MAX_REFERENCES);
}

function mailboxes(addresses: Address[] | Address | undefined): MailAddress[] {
  const list = Array.isArray(addresses) ? addresses : addresses ? [addresses] : [];
  return list
    .flatMap((a) => (a.group ? a.group : [a]))
    .filter((a) => a.address?.includes('@'))
    .map((a) => ({ address: a.address.trim(), name: (a.name ?? '').trim() }));
}

function headerValue(headers: Header[], key: string): string | null {
  return headers.find((h) => h.key === key)?.value.trim() ?? null;
}

function screeningHeaders(headers: Header[]): ScreeningHeaders {
  const contentType = headerValue(headers, 'content-type') ?? 'text/plain';
  return {
    autoSubmitted: headerValue(headers, 'auto-submitted'),
    autoReplyFlag: headers.some((h) => h.key === 'x-autoreply' || h.key === 'x-autorespond'),
    precedence: headerValue(headers, 'precedence'),
    listId: headerValue(headers, 'list-id'),
    contentType: contentType.split(';')[0]!.trim().toLowerCase(),
    authenticationResults: headers.filter((h) => h.key === 'authentication-results').map((h) => h.value),
  };
}

function attachmentOf(a: Attachment): InboundAttachment {
  const content = typeof a.content === 'string' ? new TextEncoder().encode(a.content) : rawBytes(a.content);
  const disposition = a.disposition === 'attachment' ? 'attachment' : a.disposition === 'inline' ? 'inline' : null;
  return {
    filename: a.filename,
    mimeType: a.mimeType,
    size: content.byteLength,
    contentId: normalizeMessageId(a.contentId),
    disposition,
    content,
  };
}

function isoDate(value: string | undefined): string | null {
  const time = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

async function normalize(email: Email, bytes: Uint8Array): Promise<InboundMail> {
  const html = email.html ?? null;
  return {
    messageId: normalizeMessageId(email.messageId) ?? `sha256:${await sha256Hex(bytes)}`,
    inReplyTo: normalizeMessageId(email.inReplyTo),
    references: messageIdsOf(email.references),
    from: mailboxes(email.from)[0] ?? null,
    to: mailboxes(email.to),
    cc: mailboxes(email.cc),
    replyTo: mailboxes(email.replyTo)[0] ?? null,
    subject: (email.subject ?? '').trim(),
    date: isoDate(email.date),
    text: email.text?.trim() || (html ? htmlToText(html) : ''),
    html,
    headers: screeningHeaders(email.headers),
    attachments: email.attachments.map(attachmentOf),
  };
}

/** Parse a raw RFC 5322 message. Never throws: garbage comes back as `{ ok: false }`. */
export async function parseInboundMail(raw: ArrayBuffer | Uint8Array | string): Promise<ParseMailResult> {
  try {
    const bytes = rawBytes(raw);
    if (bytes.byteLength === 0) return { ok: false, error: { code: 'empty', message: 'The message is empty' } };
    const email = await PostalMime.parse(bytes, { ...LIMITS, attachmentEncoding: 'arraybuffer' });
    return { ok: true, mail: await normalize(email, bytes) };
  } catch (err) {
    return { ok: false, error: { code: 'unparseable', message: err instanceof Error ? err.message : String(err) } };
  }
}
