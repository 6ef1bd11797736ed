/**
 * The real email adapters on their production path (global `fetch`), answered by MSW: the exact
 * URL, headers (auth, idempotency key) and body each provider documents.
 */
import { describe, expect, it } from 'vitest';
import { json, mockHttp, script } from '../../../test/helpers/msw';
import { CloudflareEmail, EmailError, PostmarkEmail, ResendEmail, type OutgoingEmail } from './index';

const mock = mockHttp();
const RESEND = 'https://api.resend.com/emails';
const POSTMARK = 'https://api.postmarkapp.com/email';
const recorded = () => mock.requests.map((r) => ({ url: r.url, method: r.method, headers: r.headers, body: r.json }));

const email: OutgoingEmail = {
  id: 'ntf_01TESTNOTIFICATION00000000',
  from: 'Demo Shop <care@demo.example>',
  to: 'shopper@example.com',
  subject: 'Your order #1005 is running late',
  text: 'Hello,\n\nWe are keeping an eye on it.\n',
  html: '<p>Hello,</p>',
};

describe('ResendEmail', () => {
  it('POSTs /emails with a Bearer key and the notification id as Idempotency-Key', async () => {
    mock.on('post', RESEND, script(json({ id: '49a3999c-0ce1-4ea6-ab68-afcd6dc2e794' })));
    const result = await new ResendEmail('re_test_key').send(email);
    expect(result).toEqual({ providerId: '49a3999c-0ce1-4ea6-ab68-afcd6dc2e794' });
    expect(recorded()).toEqual([
      {
        url: 'https://api.resend.com/emails',
        method: 'POST',
        headers: expect.objectContaining({
          authorization: 'Bearer re_test_key',
          'content-type': 'application/json',
          'idempotency-key': email.id,
        }),
        body: {
          from: email.from,
          to: ['shopper@example.com'],
          subject: email.subject,
          text: email.text,
          html: email.html,
        },
      },
    ]);
  });

  it('a retry after a lost response carries the same Idempotency-Key (the provider answers the first email)', async () => {
    mock.on('post', RESEND, script(new TypeError('network connection lost'), json({ id: 're_1' })));
    const resend = new ResendEmail('re_test_key');
    const err = await resend.send(email).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmailError);
    expect((err as EmailError).permanent).toBe(false);
    await resend.send(email);
    expect(mock.requests.map((r) => r.idempotencyKey)).toEqual([email.id, email.id]);
  });

  it('422 is permanent; 429 and 5xx are worth retrying', async () => {
    mock.on(
      'post',
      RESEND,
      script(json({ message: 'Invalid `to` field' }, 422), json({ message: 'slow down' }, 429), json({}, 503)),
    );
    const resend = new ResendEmail('k');
    const outcomes = [];
    for (let i = 0; i < 3; i++)
      outcomes.push(((await resend.send(email).catch((e: unknown) => e)) as EmailError).permanent);
    expect(outcomes).toEqual([true, false, false]);
  });
});

describe('PostmarkEmail', () => {
  it('POSTs /email with X-Postmark-Server-Token and the documented PascalCase body', async () => {
    mock.on(
      'post',
      POSTMARK,
      script(
        json({
          To: 'shopper@example.com',
          SubmittedAt: '2026-11-25T18:00:00Z',
          MessageID: 'b7bc2f4a-e38e-4336-af7d-e6c392c2f817',
          ErrorCode: 0,
          Message: 'OK',
        }),
      ),
    );
    const result = await new PostmarkEmail('server-token').send({
      ...email,
      headers: { 'List-Unsubscribe': '<https://x/u>' },
    });
    expect(result).toEqual({ providerId: 'b7bc2f4a-e38e-4336-af7d-e6c392c2f817' });
    expect(recorded()).toEqual([
      {
        url: 'https://api.postmarkapp.com/email',
        method: 'POST',
        headers: expect.objectContaining({
          accept: 'application/json',
          'content-type': 'application/json',
          'x-postmark-server-token': 'server-token',
        }),
        body: {
          From: email.from,
          To: 'shopper@example.com',
          Subject: email.subject,
          TextBody: email.text,
          HtmlBody: email.html,
          MessageStream: 'outbound',
          Metadata: { notification_id: email.id },
          Headers: [{ Name: 'List-Unsubscribe', Value: '<https://x/u>' }],
        },
      },
    ]);
  });

  it('an inactive recipient (422, ErrorCode 406) is permanent', async () => {
    mock.on(
      'post',
      POSTMARK,
      script(
        json({ ErrorCode: 406, Message: 'You tried to send to a recipient that has been marked as inactive.' }, 422),
      ),
    );
    const err = (await new PostmarkEmail('t').send(email).catch((e: unknown) => e)) as EmailError;
    expect(err.permanent).toBe(true);
  });
});

describe('CloudflareEmail', () => {
  it('hands the structured message to the send_email binding', async () => {
    const calls: unknown[] = [];
    const binding = { send: async (m: unknown) => (calls.push(m), { messageId: '<abc@cf>' }) } as unknown as SendEmail;
    expect(await new CloudflareEmail(binding).send(email)).toEqual({ providerId: '<abc@cf>' });
    expect(calls).toEqual([
      {
        from: email.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: { 'X-Aftercare-Notification': email.id },
      },
    ]);
  });
});
