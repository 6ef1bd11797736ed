import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeIfUnanswered } from '../../src/conversations/close-unanswered';
import { handleEmail } from '../../src/conversations/email-handler';
import { createServices } from '../../src/services';
import { demoShop } from '../portal/helpers';
import { emailMessage, fixtures, withHeader } from './mail-helpers';

beforeAll(demoShop);

async function ask(tag: string, subject = 'Where is my order #1005?') {
  let raw = withHeader(fixtures['plain-text'], 'Message-ID', `<${tag}@mail.example.com>`);
  raw = withHeader(raw, 'Subject', subject);
  const outcome = await handleEmail(emailMessage(raw), env, {} as ExecutionContext, createServices(env));
  if (outcome?.status !== 'stored') throw new Error('not stored');
  const c = await env.DB.prepare('SELECT status, first_responded_at FROM cases WHERE id = ?')
    .bind(outcome.caseId)
    .first<{ status: string; first_responded_at: number | null }>();
  const out = await env.DB.prepare("SELECT text FROM messages WHERE case_id = ? AND direction = 'out'")
    .bind(outcome.caseId)
    .all<{ text: string }>();
  return {
    caseId: outcome.caseId,
    status: c!.status,
    firstRespondedAt: c!.first_responded_at,
    answers: out.results.map((r) => r.text),
  };
}

const setWismo = (wismo: unknown) =>
  env.DB.prepare(`UPDATE shops SET settings = json_set(settings, '$.wismo', json(?)) WHERE id = 'shop_demo'`)
    .bind(JSON.stringify(wismo))
    .run();

describe('the automatic "where is my order" answer', () => {
  it('answers a tracking question on a shipped order with its carrier and status, then waits for the customer', async () => {
    const r = await ask('wismo.1');
    expect(r.answers).toHaveLength(1);
    expect(r.answers[0]).toContain('Here is where your order #1005 is right now:');
    expect(r.answers[0]).toContain('Carrier: USPS');
    expect(r.status).toBe('waiting_on_customer');
    expect(r.firstRespondedAt).toBeNull();
    const mail = await env.DB.prepare("SELECT headers FROM notifications WHERE case_id = ? AND kind = 'case_reply'")
      .bind(r.caseId)
      .first<{ headers: string }>();
    expect(JSON.parse(mail!.headers)).toMatchObject({ 'In-Reply-To': '<wismo.1@mail.example.com>' });
  });

  it("speaks the merchant's words when they set some", async () => {
    await setWismo({ enabled: true, intro: 'Thanks for asking about {order}! The latest:' });
    const r = await ask('wismo.2');
    expect(r.answers[0]).toMatch(/^Thanks for asking about #1005! The latest:/);
  });

  it('stays quiet when the merchant switched it off, or when the order has not shipped', async () => {
    await setWismo({ enabled: false });
    const off = await ask('wismo.3');
    expect(off).toMatchObject({ answers: [], status: 'requested' });
    await setWismo({ enabled: true });
    const unshipped = await ask('wismo.4', 'Where is my order #1008?');
    expect(unshipped).toMatchObject({ answers: [], status: 'requested' });
  });

  it('closes itself when the customer does not answer, and not when they do', async () => {
    await setWismo({ enabled: true, closeAfterDays: 2 });
    const quiet = await ask('wismo.5');
    const job = await env.DB.prepare(
      "SELECT payload, due_at FROM scheduled_jobs WHERE kind = 'close-if-unanswered' AND payload LIKE ?",
    )
      .bind(`%${quiet.caseId}%`)
      .first<{ payload: string; due_at: number }>();
    const { since } = JSON.parse(job!.payload) as { since: number };
    expect(job!.due_at - since).toBe(2 * 86_400_000);
    expect(await closeIfUnanswered(createServices(env), 'shop_demo', quiet.caseId, since)).toBe(true);
    const closed = await env.DB.prepare('SELECT status FROM cases WHERE id = ?')
      .bind(quiet.caseId)
      .first<{ status: string }>();
    expect(closed!.status).toBe('closed');
    expect(await closeIfUnanswered(createServices(env), 'shop_demo', quiet.caseId, since)).toBe(false);

    // This file's earlier questions are the demo shopper's hourly allowance of new cases: age them.
    await env.DB.prepare('UPDATE messages SET at = at - 7200000 WHERE opened_case = 1').run();
    const answered = await ask('wismo.6');
    let reply = withHeader(fixtures['gmail-reply'], 'Message-ID', '<wismo.6.answer@mail.gmail.example>');
    reply = withHeader(withHeader(reply, 'To', 'support@demo-shop.example'), 'References', null);
    reply = withHeader(reply, 'In-Reply-To', '<wismo.6@mail.example.com>');
    await handleEmail(emailMessage(reply), env, {} as ExecutionContext, createServices(env));
    expect(await closeIfUnanswered(createServices(env), 'shop_demo', answered.caseId, 0)).toBe(false);
  });
});
