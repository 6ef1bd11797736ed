import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { handleEmail } from '../../src/conversations/email-handler';
import { replySecret } from '../../src/conversations/mail-directory';
import { NEW_CASES_PER_SENDER_PER_HOUR } from '../../src/conversations/receive-mail';
import { outgoingMessageId, replyAddressFor } from '../../src/conversations/thread';
import { createServices } from '../../src/services';
import { demoShop } from '../portal/helpers';
import { emailMessage, fixtures, withHeader, demoShopWithoutWismo } from './mail-helpers';

beforeAll(async () => {
  await demoShop();
  await demoShopWithoutWismo(env.DB);
});

const ctx = {} as ExecutionContext;
const s = () => createServices(env);

async function deliver(raw: string, to = 'support@demo-shop.example') {
  const message = emailMessage(raw, { to });
  return { message, outcome: await handleEmail(message, env, ctx, s()) };
}

async function openCase(tag: string): Promise<{ caseId: string; number: number }> {
  const raw = withHeader(fixtures['plain-text'], 'Message-ID', `<open.${tag}@mail.example.com>`);
  const { outcome } = await deliver(raw);
  if (outcome?.status !== 'stored') throw new Error(`not opened: ${JSON.stringify(outcome)}`);
  const row = await env.DB.prepare('SELECT number FROM cases WHERE id = ?')
    .bind(outcome.caseId)
    .first<{ number: number }>();
  return { caseId: outcome.caseId, number: row!.number };
}

/** Gmail's reply from the fixture, re-addressed: its own headers, our thread's ids. */
function gmailReply(tag: string, headers: { to?: string; inReplyTo?: string | null; references?: string | null }) {
  let raw = withHeader(fixtures['gmail-reply'], 'Message-ID', `<CAJ7x=${tag}@mail.gmail.example>`);
  raw = withHeader(raw, 'To', headers.to ?? 'support@demo-shop.example');
  raw = withHeader(raw, 'In-Reply-To', headers.inReplyTo ?? null);
  return withHeader(raw, 'References', headers.references ?? null);
}

const messagesOn = async (caseId: string) =>
  (await env.DB.prepare('SELECT COUNT(*) AS n FROM messages WHERE case_id = ?').bind(caseId).first<{ n: number }>())!.n;

describe('threading inbound mail onto cases', () => {
  it('a reply to our Message-ID lands on the same case, however often it is delivered', async () => {
    const { caseId } = await openCase('irt');
    const ours = outgoingMessageId({ caseId, messageId: 'msg_01TESTREPLY', domain: 'demo-shop.example' });
    const raw = gmailReply('irt', { inReplyTo: ours, references: ours });
    const outcomes = [(await deliver(raw)).outcome, (await deliver(raw)).outcome, (await deliver(raw)).outcome];
    expect(outcomes.map((o) => o?.status)).toEqual(['stored', 'duplicate', 'duplicate']);
    expect(outcomes[0]).toMatchObject({ caseId, opened: false });
    expect(await messagesOn(caseId)).toBe(2);
  });

  it('a reply to our reply address lands on its case even without threading headers', async () => {
    const { caseId, number } = await openCase('addr');
    const to = await replyAddressFor({
      shopId: 'shop_demo',
      caseNumber: number,
      domain: 'demo-shop.example',
      secret: await replySecret(s()),
    });
    const { outcome } = await deliver(gmailReply('addr', { to }), to);
    expect(outcome).toMatchObject({ status: 'stored', caseId, opened: false });
  });

  it('a forged reply address (wrong tag) opens no way into the case', async () => {
    const { caseId, number } = await openCase('forged');
    const to = `reply+${number}-000000000000@demo-shop.example`;
    const raw = gmailReply('forged', { to: `${to}, support@demo-shop.example` });
    const { outcome } = await deliver(raw, to);
    expect(outcome).toMatchObject({ status: 'stored', opened: true });
    expect(outcome?.status === 'stored' && outcome.caseId).not.toBe(caseId);
  });

  it('a reply quoting the customer’s own first message threads by References', async () => {
    const { caseId } = await openCase('refs');
    const raw = gmailReply('refs', { references: '<open.refs@mail.example.com>' });
    expect((await deliver(raw)).outcome).toMatchObject({ status: 'stored', caseId });
  });

  it('a customer answer on a case waiting for them resumes it', async () => {
    const { caseId } = await openCase('wait');
    await applyCaseAction(s(), {
      shopId: 'shop_demo',
      caseId,
      actor: 'agent:test',
      action: { action: 'request_info', message: 'Which size?' },
    });
    const ours = outgoingMessageId({ caseId, messageId: 'msg_01TESTWAIT', domain: 'demo-shop.example' });
    await deliver(gmailReply('wait', { inReplyTo: ours }));
    const c = await env.DB.prepare('SELECT status FROM cases WHERE id = ?').bind(caseId).first<{ status: string }>();
    expect(c!.status).toBe('requested');
    const last = await env.DB.prepare(
      'SELECT type FROM case_events WHERE case_id = ? ORDER BY at DESC, rowid DESC LIMIT 1',
    )
      .bind(caseId)
      .first<{ type: string }>();
    expect(last!.type).toBe('CustomerReplied');
  });

  it(`limits a sender to ${NEW_CASES_PER_SENDER_PER_HOUR} new cases an hour, replies not counted`, async () => {
    const from = 'flood@example.net';
    const outcomes = [];
    for (let i = 0; i <= NEW_CASES_PER_SENDER_PER_HOUR; i++) {
      let raw = withHeader(fixtures['plain-text'], 'Message-ID', `<flood.${i}@example.net>`);
      raw = withHeader(raw, 'From', `Flood <${from}>`);
      outcomes.push((await deliver(raw)).outcome);
    }
    expect(outcomes.filter((o) => o?.status === 'stored')).toHaveLength(NEW_CASES_PER_SENDER_PER_HOUR);
    const last = outcomes.at(-1)!;
    expect(last).toMatchObject({ status: 'refused', reason: 'rate_limited' });
  });

  it('a customer writing again before our first answer raises the priority one step, once', async () => {
    // This file's earlier cases used up the demo shopper's hourly allowance: age them.
    await env.DB.prepare('UPDATE messages SET at = at - 7200000 WHERE opened_case = 1').run();
    const { caseId } = await openCase('again');
    for (const n of [1, 2, 3]) await deliver(gmailReply(`again.${n}`, { references: '<open.again@mail.example.com>' }));
    const c = await env.DB.prepare('SELECT priority, tags FROM cases WHERE id = ?')
      .bind(caseId)
      .first<{ priority: string; tags: string }>();
    expect(c!.priority).toBe('high');
    expect(JSON.parse(c!.tags)).toContain('wrote-again-unanswered');
  });
});
