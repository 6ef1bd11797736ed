/**
 * A low survey score counts as an angry customer (src/surveys/unhappy-customer.ts): the customer's
 * open cases go up a step once, and their next message opens a step higher.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { handleEmail } from '../../src/conversations/email-handler';
import { createServices } from '../../src/services';
import { answerSurvey, type SurveyRow } from '../../src/surveys/answers';
import { hasRecentLowScore, UNHAPPY_TAG } from '../../src/conversations/unhappy-customer';
import { demoShop } from '../portal/helpers';
import { demoShopWithoutWismo, emailMessage, fixtures, withHeader } from './mail-helpers';

beforeAll(async () => {
  await demoShop();
  await demoShopWithoutWismo(env.DB);
});
const s = () => createServices(env);

async function write(from: string, tag: string, subject = 'A question') {
  let raw = withHeader(fixtures['plain-text'], 'Message-ID', `<${tag}@mail.example.com>`);
  raw = withHeader(raw, 'From', from);
  raw = withHeader(raw, 'Subject', subject);
  const outcome = await handleEmail(emailMessage(raw), env, {} as ExecutionContext, s());
  if (outcome?.status !== 'stored') throw new Error('not stored');
  return outcome.caseId;
}

const caseOf = (id: string) =>
  env.DB.prepare('SELECT priority, tags, status FROM cases WHERE id = ?')
    .bind(id)
    .first<{ priority: string; tags: string; status: string }>();

async function sentSurvey(id: string, kind: 'csat' | 'nps', recipient: string): Promise<SurveyRow> {
  const order = await env.DB.prepare(
    `SELECT id FROM orders WHERE shop_id = 'shop_demo' AND lower(email) = ? ORDER BY processed_at LIMIT 1`,
  )
    .bind(recipient)
    .first<{ id: string }>();
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO surveys (id, shop_id, order_id, subject, kind, status, recipient, locale, due_at, sent_at, created_at, updated_at)
     VALUES (?1, 'shop_demo', ?2, 'delivery:' || ?1, ?3, 'sent', ?4, 'en', ?5, ?5, ?5, ?5)`,
  )
    .bind(id, order?.id ?? null, kind, recipient, now)
    .run();
  return {
    id,
    shop_id: 'shop_demo',
    order_id: order?.id ?? null,
    case_id: null,
    kind,
    status: 'sent',
    recipient,
    locale: 'en',
    score: null,
    comment: null,
    follow_up_case_id: null,
    shop_name: 'Demo',
  };
}

describe('a low survey score counts as an angry customer', () => {
  it('raises the customer’s open cases one step, once, and not for a good score', async () => {
    const open = await write('Sam Shopper <shopper@example.com>', 'angry.1');
    const before = (await caseOf(open))!;
    expect(before.priority).toBe('normal');

    await answerSurvey(s(), await sentSurvey('svy_good_1', 'csat', 'shopper@example.com'), { score: 4 });
    expect((await caseOf(open))!.priority).toBe('normal');

    const low = await sentSurvey('svy_low_1', 'csat', 'shopper@example.com');
    const answered = await answerSurvey(s(), low, { score: 2 });
    const after = (await caseOf(open))!;
    expect(after.priority).toBe('high');
    expect(JSON.parse(after.tags)).toContain(UNHAPPY_TAG);
    const events = await env.DB.prepare(
      `SELECT reason, data FROM case_events WHERE case_id = ? AND type = 'PriorityRaised'`,
    )
      .bind(open)
      .all<{ reason: string; data: string }>();
    expect(events.results).toHaveLength(1);
    expect(JSON.parse(events.results[0]!.data)).toMatchObject({ from: 'normal', to: 'high', surveyId: 'svy_low_1' });
    // The follow-up complaint the score opened is not raised on top.
    if (answered.followUpCaseId)
      expect(
        await env.DB.prepare(`SELECT 1 FROM case_events WHERE case_id = ? AND type = 'PriorityRaised'`)
          .bind(answered.followUpCaseId)
          .first(),
      ).toBeNull();

    // Another low score (NPS 6, a detractor) raises nothing twice.
    await answerSurvey(s(), await sentSurvey('svy_low_2', 'nps', 'shopper@example.com'), { score: 6 });
    expect((await caseOf(open))!.priority).toBe('high');
  });

  it('opens the unhappy customer’s next message one step higher', async () => {
    expect(await hasRecentLowScore(s(), 'shop_demo', { customerId: 'cus_demo', email: 'shopper@example.com' })).toBe(
      true,
    );
    const next = await write('Sam Shopper <shopper@example.com>', 'angry.2', 'Hello again');
    expect((await caseOf(next))!.priority).toBe('high');
    // A happy stranger's message opens at the usual priority.
    const other = await write('Pat <pat.happy@example.com>', 'angry.3', 'Hello');
    expect((await caseOf(other))!.priority).toBe('normal');
  });
});
