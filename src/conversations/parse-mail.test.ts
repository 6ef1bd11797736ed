import { describe, expect, it } from 'vitest';
import { fixture, fixtureNames } from './mail-fixtures.test-support';
import { type InboundMail, messageIdsOf, normalizeMessageId, parseInboundMail } from './parse-mail';

async function parsed(name: string): Promise<InboundMail> {
  const result = await parseInboundMail(fixture(name));
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.mail;
}

describe('parseInboundMail', () => {
  it.each(fixtureNames)('parses %s with a sender, a message id and some text', async (name) => {
    const mail = await parsed(name);
    expect(mail.from?.address).toMatch(/@/);
    expect(mail.messageId).not.toMatch(/[<>]/);
    expect(mail.text.length).toBeGreaterThan(10);
  });

  it('reads a plain message', async () => {
    const mail = await parsed('plain-text.eml');
    expect(mail).toMatchObject({
      messageId: 'CAF=plain.1005@mail.example.com',
      from: { address: 'shopper@example.com', name: 'Alice Shopper' },
      to: [{ address: 'support@demo-shop.example', name: 'Demo Shop Support' }],
      subject: 'Where is my order #1005?',
      date: '2026-12-07T10:12:00.000Z',
      inReplyTo: null,
      references: [],
      html: null,
      attachments: [],
    });
    expect(mail.text).toContain('Could you tell me where my order is?');
  });

  it('prefers the text part of multipart/alternative and keeps the html', async () => {
    const mail = await parsed('multipart-alternative.eml');
    expect(mail.text).toContain('I would like to return them and exchange them for a size 43.');
    expect(mail.html).toContain('<p>Hello,</p>');
  });

  it('decodes a GBK encoded-word subject and a quoted-printable UTF-8 body', async () => {
    const mail = await parsed('chinese-gbk-subject.eml');
    expect(mail.subject).toBe('我的订单还没到，订单号 1005');
    expect(mail.from?.name).toBe('王小明');
    expect(mail.text).toContain('我上周下的订单 #1005 还没有收到');
  });

  it('decodes an ISO-2022-JP subject', async () => {
    const mail = await parsed('iso-2022-jp-subject.eml');
    expect(mail.subject).toBe('注文の配送状況について');
    expect(mail.from?.name).toBe('山田太郎');
  });

  it('turns HTML-only mail into readable text without script, style or tags', async () => {
    const mail = await parsed('html-only.eml');
    expect(mail.text).toContain('The mug in order #1009 arrived broken – the handle snapped off.');
    expect(mail.text).toContain('- Photo attached separately');
    expect(mail.text).toContain('Thanks & regards,\nCarol <carol@example.org>');
    expect(mail.text).not.toMatch(/alert|color|ignored title|<p>/);
  });

  it('reads threading headers without angle brackets, oldest reference first', async () => {
    const mail = await parsed('gmail-reply.eml');
    expect(mail.inReplyTo).toBe('case_01JF00000000000000000000.msg_01JF00000000000000000002@demo-shop.example');
    expect(mail.references).toEqual([
      'case_01JF00000000000000000000.msg_01JF00000000000000000001@demo-shop.example',
      'case_01JF00000000000000000000.msg_01JF00000000000000000002@demo-shop.example',
    ]);
  });

  it('returns the attachment and the inline image with their bytes', async () => {
    const mail = await parsed('attachment-inline-image.eml');
    expect(mail.attachments.map(({ content, ...rest }) => rest)).toEqual([
      {
        filename: 'inline.png',
        mimeType: 'image/png',
        size: 70,
        contentId: 'photo1@example.net',
        disposition: 'inline',
      },
      { filename: 'receipt.png', mimeType: 'image/png', size: 70, contentId: null, disposition: 'attachment' },
    ]);
    expect([...mail.attachments[1]!.content.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    expect(mail.text).toContain('it is defective');
  });

  it('collects the screening headers, topmost Authentication-Results first', async () => {
    const mail = await parsed('bounce.eml');
    expect(mail.headers).toMatchObject({ contentType: 'multipart/report', autoSubmitted: 'auto-replied' });
    const bulk = await parsed('bulk-list.eml');
    expect(bulk.headers).toMatchObject({ precedence: 'bulk', listId: 'Deals Weekly <deals.news.example>' });
    const plain = await parsed('plain-text.eml');
    expect(plain.headers.authenticationResults[0]).toMatch(/^mx\.cloudflare\.net;/);
  });

  it('falls back to a hash of the raw message when there is no Message-ID', async () => {
    const raw = 'From: a@example.com\r\nSubject: hi\r\n\r\nhello\r\n';
    const first = await parseInboundMail(raw);
    const buffer = new ArrayBuffer(raw.length);
    new Uint8Array(buffer).set(new TextEncoder().encode(raw));
    const again = await parseInboundMail(buffer);
    expect(first.ok && first.mail.messageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(again.ok && again.mail.messageId).toBe(first.ok && first.mail.messageId);
  });

  it('returns an error result for an empty message instead of throwing', async () => {
    expect(await parseInboundMail('')).toEqual({
      ok: false,
      error: { code: 'empty', message: 'The message is empty' },
    });
  });

  it('returns an error result when the message is nested beyond the limit', async () => {
    const open = Array.from(
      { length: 40 },
      (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`,
    );
    const result = await parseInboundMail(`From: a@example.com\r\n${open.join('')}`);
    expect(result).toMatchObject({ ok: false, error: { code: 'unparseable' } });
  });
});

describe('message ids', () => {
  it('strips angle brackets and refuses what cannot be an id', () => {
    expect(normalizeMessageId(' <a.b@c> ')).toBe('a.b@c');
    expect(normalizeMessageId('a.b@c')).toBe('a.b@c');
    expect(normalizeMessageId('two words')).toBeNull();
    expect(normalizeMessageId('')).toBeNull();
  });

  it('reads References with or without brackets', () => {
    expect(messageIdsOf('<a@x>\r\n <b@x> <c@x>')).toEqual(['a@x', 'b@x', 'c@x']);
    expect(messageIdsOf('a@x b@x')).toEqual(['a@x', 'b@x']);
  });
});
