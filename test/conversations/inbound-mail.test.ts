import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { handleEmail } from '../../src/conversations/email-handler';
import { createServices } from '../../src/services';
import { demoShop } from '../portal/helpers';
import { emailMessage, type FixtureName, fixtures, demoShopWithoutWismo } from './mail-helpers';

beforeAll(async () => {
  await demoShop();
  await demoShopWithoutWismo(env.DB);
});

const ctx = {} as ExecutionContext;
const services = () => createServices(env);

async function deliver(raw: string | Uint8Array, opts: Parameters<typeof emailMessage>[1] = {}) {
  const message = emailMessage(raw, opts);
  const outcome = await handleEmail(message, env, ctx, services());
  return { message, outcome };
}

const count = async (sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>())!.n;
const mailObjects = async () => (await env.MAIL.list()).objects.length;

describe('email() on the real mail fixtures', () => {
  const accepted: FixtureName[] = [
    'plain-text',
    'multipart-alternative',
    'chinese-gbk-subject',
    'iso-2022-jp-subject',
    'html-only',
    'outlook-reply',
    'german-reply',
    'chinese-reply',
    'attachment-inline-image',
    'gmail-reply',
  ];
  it.each(accepted)('%s lands as a message on a case with its raw mail in R2', async (name) => {
    const { message, outcome } = await deliver(fixtures[name]);
    expect(message.rejected).toBeNull();
    expect(outcome).toMatchObject({ status: 'stored' });
    if (outcome?.status !== 'stored') return;
    const row = await env.DB.prepare('SELECT * FROM messages WHERE case_id = ? AND message_id = ?')
      .bind(outcome.caseId, outcome.messageId)
      .first<{ raw_key: string; direction: string; text: string }>();
    expect(row).toMatchObject({ direction: 'in' });
    expect(row!.text.length).toBeGreaterThan(0);
    expect(await env.MAIL.head(row!.raw_key)).not.toBeNull();
  });

  it('a question about an order opens an inquiry linked to the sender and the order they name', async () => {
    const { outcome } = await deliver(fixtures['plain-text'].replace('CAF=plain.1005', 'CAF=plain.1005.b'));
    expect(outcome).toMatchObject({ status: 'stored', opened: true });
    if (outcome?.status !== 'stored') return;
    const c = await env.DB.prepare('SELECT * FROM cases WHERE id = ?')
      .bind(outcome.caseId)
      .first<{ type: string; customer_id: string; order_id: string; source: string; tags: string; status: string }>();
    const order = await env.DB.prepare("SELECT id FROM orders WHERE shop_id = 'shop_demo' AND name = '#1005'").first<{
      id: string;
    }>();
    expect(c).toMatchObject({ type: 'inquiry', customer_id: 'cus_demo', order_id: order!.id, source: 'email' });
    expect(JSON.parse(c!.tags)).toContain('where_is_my_order');
    const opened = await env.DB.prepare('SELECT type, to_status FROM case_events WHERE case_id = ?')
      .bind(outcome.caseId)
      .all();
    // The inquiry, then (the demo shop has a team) the dispatcher's assignment.
    expect(opened.results[0]).toEqual({ type: 'InquiryOpened', to_status: 'requested' });
    expect(opened.results.slice(1).map((e) => e.type)).toEqual(opened.results.length > 1 ? ['CaseAssigned'] : []);
  });

  it('a damaged parcel becomes a warranty case; a request to swap a size an exchange', async () => {
    const damaged = await deliver(fixtures['html-only'].replace('html-only.carol.1', 'html-only.carol.2'));
    const ret = await deliver(fixtures['multipart-alternative'].replace('77A1@', '77A2@'));
    const typeOf = async (o: typeof damaged.outcome) =>
      o?.status === 'stored'
        ? (await env.DB.prepare('SELECT type FROM cases WHERE id = ?').bind(o.caseId).first<{ type: string }>())!.type
        : null;
    expect(await typeOf(damaged.outcome)).toBe('warranty');
    expect(await typeOf(ret.outcome)).toBe('exchange');
  });

  it('keeps attachments in R2 with their names, types and sizes', async () => {
    const { outcome } = await deliver(fixtures['attachment-inline-image'].replace('att.grace.1', 'att.grace.2'));
    if (outcome?.status !== 'stored') throw new Error('not stored');
    const row = await env.DB.prepare('SELECT attachments FROM messages WHERE message_id = ?')
      .bind(outcome.messageId)
      .first<{ attachments: string }>();
    const attachments = JSON.parse(row!.attachments) as Array<{
      key: string;
      type: string;
      size: number;
      inline: boolean;
    }>;
    expect(attachments).toHaveLength(2);
    expect(attachments.filter((a) => a.inline)).toHaveLength(1);
    for (const a of attachments) expect((await env.MAIL.head(a.key))?.size).toBe(a.size);
  });

  it.each([
    ['auto-reply', 'auto_submitted'],
    ['bounce', 'bounce'],
    ['bulk-list', 'bulk'],
  ] as const)('%s is dropped without a reply and stores nothing', async (name, reason) => {
    const [messages, objects] = [await count('SELECT COUNT(*) AS n FROM messages'), await mailObjects()];
    const { message, outcome } = await deliver(fixtures[name]);
    expect(outcome).toEqual({ status: 'refused', reason });
    expect(message.rejected).toBeNull();
    expect(await count('SELECT COUNT(*) AS n FROM messages')).toBe(messages);
    expect(await mailObjects()).toBe(objects);
  });

  it('refuses a message that fails DMARC at Cloudflare with a bounce reason', async () => {
    const { message, outcome } = await deliver(fixtures['dmarc-fail']);
    expect(outcome).toMatchObject({ status: 'refused', reason: 'auth_failed' });
    expect(message.rejected).toMatch(/DMARC/);
  });

  it('refuses an oversized message before reading it', async () => {
    const { message, outcome } = await deliver(fixtures['plain-text'], { rawSize: 50 * 1024 * 1024 });
    expect(outcome).toEqual({ status: 'refused', reason: 'too_large' });
    expect(message.rejected).toMatch(/too large/);
    expect(message.bodyRead).toBe(false);
  });

  it('refuses mail for an address no shop receives at', async () => {
    const raw = fixtures['plain-text'].replaceAll('support@demo-shop.example', 'nobody@elsewhere.example');
    const { message, outcome } = await deliver(raw, { to: 'nobody@elsewhere.example' });
    expect(outcome).toMatchObject({ status: 'refused', reason: 'unknown_recipient' });
    expect(message.rejected).toMatch(/No such mailbox/);
  });

  it('stores the same message delivered three times once', async () => {
    const raw = fixtures['plain-text'].replace('CAF=plain.1005', 'CAF=thrice');
    const outcomes = [(await deliver(raw)).outcome, (await deliver(raw)).outcome, (await deliver(raw)).outcome];
    expect(outcomes.map((o) => o?.status)).toEqual(['stored', 'duplicate', 'duplicate']);
    expect(await count("SELECT COUNT(*) AS n FROM messages WHERE message_id = 'CAF=thrice@mail.example.com'")).toBe(1);
  });

  it('stores a message without a Message-ID once, by the hash of its raw bytes', async () => {
    const raw = fixtures['plain-text'].replace(/Message-ID: <[^>]+>\r\n/, '').replace('#1005?', '#1005??');
    const outcomes = [(await deliver(raw)).outcome, (await deliver(raw)).outcome];
    expect(outcomes.map((o) => o?.status)).toEqual(['stored', 'duplicate']);
  });
});
