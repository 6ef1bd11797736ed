import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { handleEmail } from '../../src/conversations/email-handler';
import { replySecret } from '../../src/conversations/mail-directory';
import { replyAddressFor } from '../../src/conversations/thread';
import type { EmailSender, OutgoingEmail } from '../../src/integrations/email';
import { deliverNotification } from '../../src/notifications/deliver';
import { createServices } from '../../src/services';
import { demoShop } from '../portal/helpers';
import { emailMessage, fixtures, withHeader, demoShopWithoutWismo } from './mail-helpers';

beforeAll(async () => {
  await demoShop();
  await demoShopWithoutWismo(env.DB);
});

const admin = {
  authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm',
  'x-shop-domain': 'demo-shop.myshopify.com',
};
const api = (path: string, init: RequestInit = {}) =>
  exports.default.fetch(`https://aftercare.test/api/admin${path}`, {
    ...init,
    headers: { ...admin, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });

async function inbound(raw: string) {
  const outcome = await handleEmail(emailMessage(raw), env, {} as ExecutionContext, createServices(env));
  if (outcome?.status !== 'stored') throw new Error(`not stored: ${JSON.stringify(outcome)}`);
  return outcome;
}

interface Detail {
  case: { firstRespondedAt: number | null; number: string };
  messages: Array<{ direction: string; from: string; to: string[]; subject: string; text: string; at: number }>;
}

describe('replying on a case by email', () => {
  it('sends a threaded public reply through the outbox, records it, and the answer threads back', async () => {
    const opened = await inbound(withHeader(fixtures['plain-text'], 'Message-ID', '<reply.flow@mail.example.com>'));
    const res = await api(`/cases/${opened.caseId}/actions`, {
      method: 'POST',
      body: JSON.stringify({ action: 'reply', body: 'Your parcel left our warehouse today.' }),
    });
    expect(res.status).toBe(200);
    const detail = await (await api(`/cases/${opened.caseId}`)).json<Detail>();
    expect(detail.messages.map((m) => m.direction)).toEqual(['in', 'out']);
    expect(detail.messages[1]).toMatchObject({
      from: 'support@demo-shop.example',
      to: ['shopper@example.com'],
      subject: 'Where is my order #1005?',
      text: 'Your parcel left our warehouse today.',
    });
    expect(detail.case.firstRespondedAt).not.toBeNull();

    const row = await env.DB.prepare(
      "SELECT dedupe_key, headers, subject FROM notifications WHERE case_id = ? AND kind = 'case_reply'",
    )
      .bind(opened.caseId)
      .first<{ dedupe_key: string; headers: string; subject: string }>();
    const headers = JSON.parse(row!.headers) as Record<string, string>;
    const number = Number(detail.case.number.slice(2));
    const replyTo = await replyAddressFor({
      shopId: 'shop_demo',
      caseNumber: number,
      domain: 'demo-shop.example',
      secret: await replySecret(createServices(env)),
    });
    expect(headers).toEqual({
      'Message-ID': expect.stringMatching(new RegExp(`^<${opened.caseId}\\.msg_[0-9A-Z]+@demo-shop\\.example>$`)),
      'In-Reply-To': '<reply.flow@mail.example.com>',
      References: '<reply.flow@mail.example.com>',
      'Reply-To': replyTo,
    });
    expect(row!.subject).toBe('Re: Where is my order #1005?');

    const sent: OutgoingEmail[] = [];
    const email: EmailSender = { provider: 'local', send: async (m) => (sent.push(m), { providerId: 'local:1' }) };
    expect(await deliverNotification(createServices(env, { email }), 'shop_demo', row!.dedupe_key)).toBe('sent');
    expect(sent[0]).toMatchObject({ to: 'shopper@example.com', replyTo });
    expect(sent[0]!.headers).toEqual({
      'Message-ID': headers['Message-ID'],
      'In-Reply-To': headers['In-Reply-To'],
      References: headers.References,
    });

    // The customer answers from Gmail: only In-Reply-To names our message.
    let answer = withHeader(fixtures['gmail-reply'], 'Message-ID', '<CAJ7x=answer@mail.gmail.example>');
    answer = withHeader(answer, 'To', 'support@demo-shop.example');
    answer = withHeader(answer, 'References', null);
    answer = withHeader(answer, 'In-Reply-To', headers['Message-ID']!);
    expect(await inbound(answer)).toMatchObject({ caseId: opened.caseId, opened: false });
  });

  it('a note stays internal: no message, no email', async () => {
    const opened = await inbound(withHeader(fixtures['plain-text'], 'Message-ID', '<note.flow@mail.example.com>'));
    await api(`/cases/${opened.caseId}/actions`, {
      method: 'POST',
      body: JSON.stringify({ action: 'note', text: 'Called the carrier.' }),
    });
    const detail = await (await api(`/cases/${opened.caseId}`)).json<Detail>();
    expect(detail.messages.map((m) => m.direction)).toEqual(['in']);
    const mails = await env.DB.prepare('SELECT COUNT(*) AS n FROM notifications WHERE case_id = ?')
      .bind(opened.caseId)
      .first<{ n: number }>();
    expect(mails!.n).toBe(0);
  });

  it('an empty reply is refused with 400', async () => {
    const opened = await inbound(withHeader(fixtures['plain-text'], 'Message-ID', '<empty.flow@mail.example.com>'));
    const res = await api(`/cases/${opened.caseId}/actions`, {
      method: 'POST',
      body: JSON.stringify({ action: 'reply', body: ' ' }),
    });
    expect(res.status).toBe(400);
  });
});
