/** Email Routing's `ForwardableEmailMessage` for tests, and the mail fixtures as bytes (workerd has no fs). */
import attachmentInlineImage from '../fixtures/mail/attachment-inline-image.eml?raw';
import autoReply from '../fixtures/mail/auto-reply.eml?raw';
import bounce from '../fixtures/mail/bounce.eml?raw';
import bulkList from '../fixtures/mail/bulk-list.eml?raw';
import chineseGbkSubject from '../fixtures/mail/chinese-gbk-subject.eml?raw';
import chineseReply from '../fixtures/mail/chinese-reply.eml?raw';
import dmarcFail from '../fixtures/mail/dmarc-fail.eml?raw';
import germanReply from '../fixtures/mail/german-reply.eml?raw';
import gmailReply from '../fixtures/mail/gmail-reply.eml?raw';
import htmlOnly from '../fixtures/mail/html-only.eml?raw';
import iso2022jpSubject from '../fixtures/mail/iso-2022-jp-subject.eml?raw';
import multipartAlternative from '../fixtures/mail/multipart-alternative.eml?raw';
import outlookReply from '../fixtures/mail/outlook-reply.eml?raw';
import plainText from '../fixtures/mail/plain-text.eml?raw';

export const fixtures = {
  'attachment-inline-image': attachmentInlineImage,
  'auto-reply': autoReply,
  bounce,
  'bulk-list': bulkList,
  'chinese-gbk-subject': chineseGbkSubject,
  'chinese-reply': chineseReply,
  'dmarc-fail': dmarcFail,
  'german-reply': germanReply,
  'gmail-reply': gmailReply,
  'html-only': htmlOnly,
  'iso-2022-jp-subject': iso2022jpSubject,
  'multipart-alternative': multipartAlternative,
  'outlook-reply': outlookReply,
  'plain-text': plainText,
} as const;
export type FixtureName = keyof typeof fixtures;

export const SUPPORT = 'support@demo-shop.example';

export interface TestEmail extends ForwardableEmailMessage {
  readonly rejected: string | null;
  readonly bodyRead: boolean;
}

/** A message as Email Routing hands it over; `rawSize` may lie, as a hostile sender's would. */
export function emailMessage(raw: string | Uint8Array, opts: { from?: string; to?: string; rawSize?: number } = {}) {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
  let rejected: string | null = null;
  let bodyRead = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        bodyRead = true;
        controller.enqueue(bytes);
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  const message = {
    from: opts.from ?? 'sender@example.com',
    to: opts.to ?? SUPPORT,
    rawSize: opts.rawSize ?? bytes.byteLength,
    raw: stream,
    headers: new Headers(),
    setReject(reason: string) {
      rejected = reason;
    },
    forward: async () => ({ messageId: 'fwd' }),
    reply: async () => ({ messageId: 'reply' }),
    get rejected() {
      return rejected;
    },
    get bodyRead() {
      return bodyRead;
    },
  };
  return message as unknown as TestEmail;
}

/** Replaces (or removes, with null) a header of a raw CRLF message. */
export function withHeader(raw: string, name: string, value: string | null): string {
  const [head, ...body] = raw.split('\r\n\r\n');
  const lines = head!.split('\r\n');
  const kept: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && skipping) continue;
    skipping = line.toLowerCase().startsWith(`${name.toLowerCase()}:`);
    if (!skipping) kept.push(line);
  }
  if (value !== null) kept.push(`${name}: ${value}`);
  return [kept.join('\r\n'), ...body].join('\r\n\r\n');
}

/** The demo shop without the automatic tracking answer, for tests about everything else (wismo.test.ts covers it). */
export async function demoShopWithoutWismo(db: D1Database): Promise<void> {
  await db
    .prepare(
      `UPDATE shops SET settings = json_set(settings, '$.wismo', json('{"enabled":false}')) WHERE id = 'shop_demo'`,
    )
    .run();
}
