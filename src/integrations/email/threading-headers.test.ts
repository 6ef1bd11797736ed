/**
 * A case reply's threading headers reach each provider in the shape it documents: Resend's
 * `headers` object and `reply_to`, Postmark's `Headers` array of Name/Value and `ReplyTo`, the
 * send_email binding's `headers` and `replyTo`.
 */
import { describe, expect, it } from 'vitest';
import { json, mockHttp, script } from '../../../test/helpers/msw';
import { CloudflareEmail, type OutgoingEmail, PostmarkEmail, ResendEmail } from './index';

const mock = mockHttp();
const threading = {
  'Message-ID': '<case_01JF0000000000000000000000.msg_01JF0000000000000000000001@demo-shop.example>',
  'In-Reply-To': '<CAF=plain.1005@mail.example.com>',
  References: '<CAF=plain.1005@mail.example.com>',
};
const reply: OutgoingEmail = {
  id: 'ntf_01TESTREPLY000000000000000',
  from: '"Demo Shop" <no-reply@aftercare.example>',
  to: 'shopper@example.com',
  subject: 'Re: Where is my order #1005?',
  text: 'It left today.',
  html: null,
  replyTo: 'reply+1001-0123456789ab@demo-shop.example',
  headers: threading,
};

describe('threading headers on a case reply', () => {
  it('Resend: headers object and reply_to', async () => {
    mock.on('post', 'https://api.resend.com/emails', script(json({ id: 're_1' })));
    await new ResendEmail('re_test_key').send(reply);
    expect(mock.requests[0]!.json).toEqual({
      from: reply.from,
      to: ['shopper@example.com'],
      subject: reply.subject,
      text: reply.text,
      reply_to: reply.replyTo,
      headers: threading,
    });
  });

  it('Postmark: Headers as Name/Value pairs and ReplyTo', async () => {
    mock.on(
      'post',
      'https://api.postmarkapp.com/email',
      script(
        json({ To: reply.to, SubmittedAt: '2026-12-07T10:00:00Z', MessageID: 'pm-1', ErrorCode: 0, Message: 'OK' }),
      ),
    );
    await new PostmarkEmail('pm-token').send(reply);
    expect(mock.requests[0]!.json).toMatchObject({
      ReplyTo: reply.replyTo,
      Headers: [
        { Name: 'Message-ID', Value: threading['Message-ID'] },
        { Name: 'In-Reply-To', Value: threading['In-Reply-To'] },
        { Name: 'References', Value: threading.References },
      ],
    });
  });

  it('send_email: headers and replyTo on the structured message', async () => {
    const calls: Array<Record<string, unknown>> = [];
    const binding = {
      send: async (m: Record<string, unknown>) => (calls.push(m), { messageId: '<x@cf>' }),
    } as unknown as SendEmail;
    await new CloudflareEmail(binding).send(reply);
    expect(calls[0]).toMatchObject({
      replyTo: reply.replyTo,
      headers: { 'X-Aftercare-Notification': reply.id, ...threading },
    });
  });
});
