import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  deflectionCounts,
  findDeflection,
  markContinued,
  recordDeflectionOutcome,
  recordDeflectionShown,
} from '../../src/help/deflections';
import { createServices } from '../../src/services';

const SHOP = 'shop_deflection_store';
let now = 1_800_000_000_000;
const s = { ...createServices(env), clock: { now: () => now } } as ReturnType<typeof createServices>;

describe('deflection records', () => {
  it('keep one row per question: shown, then answered or continued; continued is final, its time and case kept', async () => {
    await recordDeflectionShown(s, SHOP, {
      visit: 'visit-a-0123456789abc',
      channel: 'contact',
      locale: 'en',
      articles: 2,
    });
    now += 1000;
    await recordDeflectionShown(s, SHOP, {
      visit: 'visit-a-0123456789abc',
      channel: 'contact',
      locale: 'en',
      articles: 3,
    });
    expect(await findDeflection(s, SHOP, 'visit-a-0123456789abc')).toMatchObject({
      outcome: 'shown',
      articles: 2,
      decidedAt: null,
    });
    await recordDeflectionOutcome(s, SHOP, {
      visit: 'visit-a-0123456789abc',
      outcome: 'answered',
      channel: 'contact',
      locale: 'en',
    });
    const answeredAt = now;
    now += 1000;
    await recordDeflectionOutcome(s, SHOP, {
      visit: 'visit-a-0123456789abc',
      outcome: 'answered',
      channel: 'contact',
      locale: 'en',
    });
    expect(await findDeflection(s, SHOP, 'visit-a-0123456789abc')).toMatchObject({
      outcome: 'answered',
      decidedAt: answeredAt,
    });
    now += 1000;
    await markContinued(s, SHOP, 'visit-a-0123456789abc', 'case_A');
    const continuedAt = now;
    now += 1000;
    await markContinued(s, SHOP, 'visit-a-0123456789abc', 'case_B');
    await recordDeflectionOutcome(s, SHOP, {
      visit: 'visit-a-0123456789abc',
      outcome: 'answered',
      channel: 'help',
      locale: 'en',
    });
    expect(await findDeflection(s, SHOP, 'visit-a-0123456789abc')).toMatchObject({
      outcome: 'continued',
      caseId: 'case_A',
      channel: 'contact',
      decidedAt: continuedAt,
    });
    // A visit never shown answers is not made a question by the case it opened.
    await markContinued(s, SHOP, 'visit-never-shown-0123', 'case_C');
    expect(await findDeflection(s, SHOP, 'visit-never-shown-0123')).toBeUndefined();
  });

  it('count questions in a range by outcome and channel, other shops apart', async () => {
    const start = now;
    await recordDeflectionShown(s, SHOP, {
      visit: 'visit-b-0123456789abc',
      channel: 'return',
      locale: 'de',
      reason: 'too_small',
      articles: 1,
    });
    await recordDeflectionShown(s, SHOP, {
      visit: 'visit-c-0123456789abc',
      channel: 'return',
      locale: 'de',
      articles: 1,
    });
    await recordDeflectionOutcome(s, SHOP, {
      visit: 'visit-c-0123456789abc',
      outcome: 'continued',
      channel: 'return',
      locale: 'de',
    });
    await recordDeflectionOutcome(s, SHOP, {
      visit: 'visit-d-0123456789abc',
      outcome: 'answered',
      channel: 'help',
      locale: 'zh-CN',
    });
    await recordDeflectionShown(s, 'shop_other', {
      visit: 'visit-e-0123456789abc',
      channel: 'return',
      locale: 'en',
      articles: 1,
    });
    const counts = await deflectionCounts(s, SHOP, start, now + 1);
    expect(counts).toEqual({
      questions: 3,
      answeredWithoutCase: 2,
      answered: 1,
      left: 1,
      continued: 1,
      byChannel: {
        contact: { questions: 0, answeredWithoutCase: 0 },
        return: { questions: 2, answeredWithoutCase: 1 },
        help: { questions: 1, answeredWithoutCase: 1 },
      },
    });
  });
});
