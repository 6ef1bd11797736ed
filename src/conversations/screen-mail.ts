import type { InboundMail } from './parse-mail';

export type ScreenReason = 'auto_submitted' | 'bounce' | 'bulk' | 'too_large' | 'no_sender' | 'auth_failed';

export type ScreenVerdict =
  | { accept: true }
  /** `bounce` is the text for `message.setReject()`; absent when the message is dropped silently. */
  | { accept: false; reason: ScreenReason; bounce?: string };

export interface ScreenOptions {
  maxBytes: number;
  rawSize: number;
  /**
   * The authserv-id whose Authentication-Results we believe. Cloudflare Email Routing adds its own
   * header as `Authentication-Results: mx.cloudflare.net; dkim=…; dmarc=…; spf=…` on top.
   */
  trustedAuthServId?: string;
}

export const CLOUDFLARE_AUTHSERV_ID = 'mx.cloudflare.net';
const MAILER_DAEMONS = /^(mailer-daemon|postmaster|mail-daemon)$/i;
const BULK_PRECEDENCE = new Set(['bulk', 'list', 'junk']);

/** Checked before parsing too, so an oversized message is refused without being read. */
export function screenSize(rawSize: number, maxBytes: number): ScreenVerdict {
  if (rawSize <= maxBytes) return { accept: true };
  const limitMb = Math.floor(maxBytes / (1024 * 1024));
  const limit = limitMb >= 1 ? `${limitMb} MB` : `${Math.floor(maxBytes / 1024)} KB`;
  return { accept: false, reason: 'too_large', bounce: `Message too large: the limit for this address is ${limit}` };
}

/** The header's first token with comments and parameters removed, lowercased: `auto-replied`. */
function token(value: string | null): string | null {
  if (value === null) return null;
  return (
    value
      .replace(/\([^)]*\)/g, ' ')
      .split(';')[0]!
      .trim()
      .toLowerCase() || null
  );
}

function isBounce(mail: InboundMail): boolean {
  const localPart = mail.from?.address.split('@')[0] ?? '';
  return mail.headers.contentType === 'multipart/report' || MAILER_DAEMONS.test(localPart);
}

function isAutoSubmitted(mail: InboundMail): boolean {
  const auto = token(mail.headers.autoSubmitted);
  return (auto !== null && auto !== 'no') || mail.headers.autoReplyFlag;
}

function isBulk(mail: InboundMail): boolean {
  const precedence = token(mail.headers.precedence);
  return (precedence !== null && BULK_PRECEDENCE.has(precedence)) || mail.headers.listId !== null;
}

/** `dmarc` → `fail` from `mx.cloudflare.net; dkim=pass header.d=x; dmarc=fail (p=reject) header.from=x`. */
export function authResults(value: string): { authServId: string; results: Map<string, string> } {
  const [head = '', ...entries] = value.replace(/\([^)]*\)/g, ' ').split(';');
  const results = new Map<string, string>();
  for (const entry of entries) {
    const m = /^\s*([a-z0-9_-]+)\s*=\s*([a-z]+)/i.exec(entry);
    if (m && !results.has(m[1]!.toLowerCase())) results.set(m[1]!.toLowerCase(), m[2]!.toLowerCase());
  }
  return { authServId: head.trim().split(/\s+/)[0]!.toLowerCase(), results };
}

/**
 * Only the topmost header counts, and only from the trusted server: anything below it arrived with
 * the message and the sender could have written it. Without one (local dev) nothing is refused.
 */
function failsDmarc(mail: InboundMail, trusted: string): boolean {
  const top = mail.headers.authenticationResults[0];
  if (top === undefined) return false;
  const { authServId, results } = authResults(top);
  return authServId === trusted.toLowerCase() && results.get('dmarc') === 'fail';
}

export function screenInbound(mail: InboundMail, options: ScreenOptions): ScreenVerdict {
  const size = screenSize(options.rawSize, options.maxBytes);
  if (!size.accept) return size;
  if (!mail.from && !mail.replyTo) return { accept: false, reason: 'no_sender' };
  // Loops and floods are dropped without a bounce: answering a robot is how loops start.
  if (isBounce(mail)) return { accept: false, reason: 'bounce' };
  if (isAutoSubmitted(mail)) return { accept: false, reason: 'auto_submitted' };
  if (isBulk(mail)) return { accept: false, reason: 'bulk' };
  if (failsDmarc(mail, options.trustedAuthServId ?? CLOUDFLARE_AUTHSERV_ID)) {
    return { accept: false, reason: 'auth_failed', bounce: 'Message rejected: sender authentication (DMARC) failed' };
  }
  return { accept: true };
}
