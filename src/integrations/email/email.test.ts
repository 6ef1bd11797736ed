import { describe, expect, it } from 'vitest';
import { CloudflareEmail, EmailError, PostmarkEmail, ResendEmail, type OutgoingEmail } from './index';

interface Recorded {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A `fetch` that records each request and answers from a script (a Response, or an Error to throw). */
function recordingFetch(answers: Array<Response | Error>) {
  const requests: Recorded[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    requests.push({ url: req.url, method: req.method, headers: Object.fromEntries(req.headers), body: JSON.parse(await req.text()) });
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    if (next instanceof Error) throw next;
    return next;
  }) as typeof fetch;
  return { requests, fetcher };
}

const email: OutgoingEmail = {
  id: 'ntf_01TESTNOTIFICATION00000000',
  from: 'Demo Shop <care@demo.example>',
  to: 'shopper@example.com',
  subject: 'Your order #1005 is running late',
  text: 'Hello,\n\nWe are keeping an eye on it.\n',
  html: '<p>Hello,</p>',
};
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('ResendEmail', () => {
  it('POSTs /emails with a Bearer key and the notification id as Idempotency-Key', async () => {
    const { requests, fetcher } = recordingFetch([json({ id: '49a3999c-0ce1-4ea6-ab68-afcd6dc2e794' })]);
    const result = await new ResendEmail('re_test_key', fetcher).send(email);
    expect(result).toEqual({ providerId: '49a3999c-0ce1-4ea6-ab68-afcd6dc2e794' });
    expect(requests).toEqual([
      {
        url: 'https://api.resend.com/emails',
        method: 'POST',
        headers: expect.objectContaining({ authorization: 'Bearer re_test_key', 'content-type': 'application/json', 'idempotency-key': email.id }),
        body: { from: email.from, to: ['shopper@example.com'], subject: email.subject, text: email.text, html: email.html },
      },
    ]);
  });

  it('a retry after a lost response carries the same Idempotency-Key (the provider answers the first email)', async () => {
    const { requests, fetcher } = recordingFetch([new TypeError('network connection lost'), json({ id: 're_1' })]);
    const resend = new ResendEmail('re_test_key', fetcher);
    const err = await resend.send(email).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmailError);
    expect((err as EmailError).permanent).toBe(false);
    await resend.send(email);
    expect(requests.map((r) => r.headers['idempotency-key'])).toEqual([email.id, email.id]);
  });

  it('422 is permanent; 429 and 5xx are worth retrying', async () => {
    const { fetcher } = recordingFetch([json({ message: 'Invalid `to` field' }, 422), json({ message: 'slow down' }, 429), json({}, 503)]);
    const resend = new ResendEmail('k', fetcher);
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(((await resend.send(email).catch((e: unknown) => e)) as EmailError).permanent);
    expect(outcomes).toEqual([true, false, false]);
  });
});

describe('PostmarkEmail', () => {
  it('POSTs /email with X-Postmark-Server-Token and the documented PascalCase body', async () => {
    const { requests, fetcher } = recordingFetch([json({ To: 'shopper@example.com', SubmittedAt: '2026-11-25T18:00:00Z', MessageID: 'b7bc2f4a-e38e-4336-af7d-e6c392c2f817', ErrorCode: 0, Message: 'OK' })]);
    const result = await new PostmarkEmail('server-token', fetcher).send({ ...email, headers: { 'List-Unsubscribe': '<https://x/u>' } });
    expect(result).toEqual({ providerId: 'b7bc2f4a-e38e-4336-af7d-e6c392c2f817' });
    expect(requests).toEqual([
      {
        url: 'https://api.postmarkapp.com/email',
        method: 'POST',
        headers: expect.objectContaining({ accept: 'application/json', 'content-type': 'application/json', 'x-postmark-server-token': 'server-token' }),
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
    const { fetcher } = recordingFetch([json({ ErrorCode: 406, Message: 'You tried to send to a recipient that has been marked as inactive.' }, 422)]);
    const err = (await new PostmarkEmail('t', fetcher).send(email).catch((e: unknown) => e)) as EmailError;
    expect(err.permanent).toBe(true);
  });
});

describe('CloudflareEmail', () => {
  it('hands the structured message to the send_email binding', async () => {
    const calls: unknown[] = [];
    const binding = { send: async (m: unknown) => (calls.push(m), { messageId: '<abc@cf>' }) } as unknown as SendEmail;
    expect(await new CloudflareEmail(binding).send(email)).toEqual({ providerId: '<abc@cf>' });
    expect(calls).toEqual([{ from: email.from, to: email.to, subject: email.subject, text: email.text, html: email.html, headers: { 'X-Aftercare-Notification': email.id } }]);
  });
});
