import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { fixedClock } from '../../src/lib/clock';
import { sendReviewEmail } from '../../src/review/review-email';
import { reviewFor } from '../../src/review/review-store';
import { createServices } from '../../src/services';
import { adminSession } from '../admin/admin-session';

/**
 * The review's handling, per-member, cost and skipped-steps figures end to end: rows written as
 * the app writes them (case events through the triggers), read back on the page in three
 * languages, in the API and in the CSV, with members by name.
 */
const db = env.DB;
const SHOP = 'shop_review_handling';
const DOMAIN = 'review-handling.myshopify.com';
const DAY = 86_400_000;
const HOUR = 3_600_000;
const W49 = Date.UTC(2026, 10, 30);
const NOW = W49 + 7 * DAY + 10 * HOUR;
const services = createServices(env, { clock: fixedClock(NOW) });
const app = createApp({ services: (e) => createServices(e, { clock: fixedClock(NOW) }) });

const event = (id: string, kase: string, type: string, at: number, data = '{}') =>
  db
    .prepare(
      `INSERT INTO case_events (id, shop_id, case_id, type, actor, data, at) VALUES (?1, ?2, ?3, ?4, 'agent', ?5, ?6)`,
    )
    .bind(`${SHOP}_${id}`, SHOP, `${SHOP}_${kase}`, type, data, at);

const skipped = (...steps: Array<[string, string]>) =>
  JSON.stringify({ steps: steps.map(([id, label]) => ({ id, procedure: 'return', label })) });

beforeAll(async () => {
  await db
    .prepare(
      `INSERT INTO shops (id, domain, name, timezone, locale, settings, created_at, updated_at)
       VALUES (?1, ?2, 'Handling shop', 'UTC', 'de', '{"reviewRecipients":["lead@example.com"]}', 0, 0)`,
    )
    .bind(SHOP, DOMAIN)
    .run();
  await db
    .prepare(
      `INSERT INTO members (id, shop_id, email, name, role, created_at, updated_at) VALUES ('mem_ann_h', ?1, 'ann@example.com', 'Ann Agent', 'agent', 0, 0)`,
    )
    .bind(SHOP)
    .run();
  const opened = W49 + DAY;
  const kase = (n: number, assignee: string | null) =>
    db
      .prepare(
        `INSERT INTO cases (id, shop_id, number, type, status, source, currency, created_at, updated_at, assignee_id, first_response_due_at, breached)
         VALUES (?1, ?2, ?3, 'return', 'requested', 'portal', 'EUR', ?4, ?4, ?5, ?4 + ${8 * HOUR}, ?6)`,
      )
      .bind(`${SHOP}_c${n}`, SHOP, n, opened + n, assignee, n === 2 ? 1 : 0);
  await db.batch([kase(0, 'mem_ann_h'), kase(1, 'mem_ann_h'), kase(2, 'mem_ann_h'), kase(3, null)]);
  // c0: one reply, resolved → first contact. c1: two replies. c2: one reply, reopened, breached.
  await db.batch([
    event('e0', 'c0', 'ReplySent', opened + HOUR),
    event('e1', 'c1', 'ReplySent', opened + HOUR),
    event('e2', 'c1', 'InfoRequested', opened + 2 * HOUR),
    event('e3', 'c2', 'ReplySent', opened + HOUR),
    event('e4', 'c2', 'CaseReopened', opened + 3 * HOUR),
    // Two closes with checklist steps unticked, as the closing commands record them (src/help/skipped-steps.ts).
    event('e5', 'c1', 'ProcedureStepsSkipped', opened + HOUR, skipped(['return.inspect', 'Inspect the item'])),
    event(
      'e6',
      'c2',
      'ProcedureStepsSkipped',
      opened + 2 * HOUR,
      skipped(['return.inspect', 'Inspect the item'], ['return.restock', 'Restock the item']),
    ),
  ]);
  await db
    .prepare(
      `UPDATE cases SET status = 'resolved', first_responded_at = created_at + ${HOUR}, resolved_at = created_at + ${20 * HOUR}
       WHERE shop_id = ?1 AND assignee_id IS NOT NULL`,
    )
    .bind(SHOP)
    .run();
  await db.batch([
    db
      .prepare(
        `INSERT INTO refunds (id, shop_id, case_id, provider, kind, idempotency_key, amount_minor, currency, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'local', 'refund', ?1, 4500, 'EUR', 'succeeded', ?4, ?4)`,
      )
      .bind(`${SHOP}_r0`, SHOP, `${SHOP}_c0`, opened + DAY),
    db
      .prepare(
        `INSERT INTO pickups (id, shop_id, case_id, carrier, status, idempotency_key, cost_minor, currency, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'local', 'completed', ?1, 690, 'EUR', ?4, ?4)`,
      )
      .bind(`${SHOP}_p0`, SHOP, `${SHOP}_c0`, opened),
    db
      .prepare(
        `INSERT INTO surveys (id, shop_id, case_id, subject, kind, status, due_at, score, answered_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'csat', 'answered', 0, 5, ?5, 0, 0)`,
      )
      .bind(`${SHOP}_v0`, SHOP, `${SHOP}_c0`, `case:${SHOP}_c0`, opened + DAY),
  ]);
});

describe('the weekly review: handling, members, cost, skipped steps', () => {
  it('computes first-contact resolution, handling times and cost, with members by name', async () => {
    const r = await reviewFor(services, SHOP, '2026-W49');
    expect(r.handling.overall).toMatchObject({ cases: 4, done: 3, firstContact: 1, reopened: 1, replies: 4 });
    const ann = r.handling.byMember.find((m) => m.member === 'mem_ann_h')!;
    expect(ann).toMatchObject({ name: 'Ann Agent', cases: 3, csat: { responses: 1, average: 5, satisfied: 1 } });
    expect(ann.firstReply.p50Ms).toBeGreaterThanOrEqual(HOUR);
    expect(ann.firstReply.p50Ms).toBeLessThan(1.5 * HOUR);
    expect(ann.resolution.p90Ms).toBeGreaterThanOrEqual(20 * HOUR);
    expect(ann.resolution.p90Ms).toBeLessThan(24 * HOUR);
    expect(r.handling.byMember.find((m) => m.member === '')?.name).toBeNull();
    expect(r.sla.byMember.map((m) => [m.name, m.cases, m.breached])).toEqual([
      [null, 1, 0],
      ['Ann Agent', 3, 1],
    ]);
    expect(r.cost).toEqual([
      { currency: 'EUR', refunded: 4500, storeCredit: 0, labels: 690, labelCount: 1, total: 5190 },
    ]);
    expect(r.skippedSteps).toEqual([
      { step: 'return.inspect', label: 'Inspect the item', skipped: 2, cases: 2 },
      { step: 'return.restock', label: 'Restock the item', skipped: 1, cases: 1 },
    ]);
  });

  it('shows them on the page in English, German and Chinese, and never a member id', async () => {
    const a = await adminSession(DOMAIN, NOW);
    const expected = {
      en: ['First-contact resolution', 'Ann Agent', 'Return labels (1)', 'Inspect the item', 'Weekly review 2026-W49'],
      de: [
        'Erstkontaktlösung',
        'Ann Agent',
        'Rücksendeetiketten (1)',
        'Übersprungene Arbeitsschritte',
        'Wochenrückblick 2026-W49',
      ],
      'zh-CN': ['首次联系解决率', 'Ann Agent', '退货运单（1 张）', '被跳过的处理步骤', '2026-W49 周复盘'],
    };
    for (const [lang, texts] of Object.entries(expected)) {
      const req = a.get('/admin/review?week=2026-W49');
      req.headers.set('accept-language', lang);
      const res = await app.fetch(req, env);
      expect(res.status).toBe(200);
      const html = await res.text();
      for (const text of texts) expect(html, `${lang}: ${text}`).toContain(text);
      expect(html).toContain('data-metric="first-contact-resolution">33');
      expect(html.replace(/data-member="mem_ann_h"/g, '')).not.toContain('mem_ann_h');
    }
  });

  it('puts them in the CSV', async () => {
    const a = await adminSession(DOMAIN, NOW);
    const csv = await (await app.fetch(a.get('/admin/export/review.csv?week=2026-W49'), env)).text();
    expect(csv).toMatch(/first_contact_resolution,,,0\.333\d*,,,,all: 1\/3 done/);
    expect(csv).toContain('sla_member,,,0.6666666666666666,,,,Ann Agent: 1/3');
    expect(csv).toContain('cost_total,,,5190,,,,EUR');
    expect(csv).toContain('skipped_step,,,2,,,,Inspect the item: 2 cases');
    expect(csv).toContain('skipped_step,,,1,,,,Restock the item: 1 cases');
    expect(csv).toContain('first_reply_p50_min_member,,,60,,,,Ann Agent: 3 cases');
  });

  it('sends them in the review email, in the shop language', async () => {
    const review = await reviewFor(services, SHOP, '2026-W49');
    expect(await sendReviewEmail(services, SHOP, review)).toBe(1);
    const mail = await db
      .prepare(`SELECT body_text FROM notifications WHERE shop_id = ?1 AND kind = 'weekly_review'`)
      .bind(SHOP)
      .first<{ body_text: string }>();
    expect(mail?.body_text).toContain('Erstkontaktlösung 33.3%');
    expect(mail?.body_text).toContain('erste Antwort im Median nach 1,0 Std.');
    expect(mail?.body_text).toMatch(
      /Kosten: 51,90\s€ \(Erstattungen 45,00\s€, Gutschriften 0,00\s€, Rücksendeetiketten 6,90\s€\)/,
    );
  });
});
