/**
 * Deflection: answers shown before a shopper sends the contact form or opens a return, and what they
 * did next. One `deflections` row per question (its visit id): `shown` when the answers were put
 * first, then `answered` ("This answered my question", or an article from it marked helpful) or
 * `continued` ("I still want to send it", or the case opened). Recording is idempotent: a repeat is
 * a no-op, and `continued` is final, so a question that went on after all never counts as deflected.
 */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { type deflectionChannels, deflections } from '../db/schema/procedures';
import type { Services } from '../services';

export type DeflectionChannel = (typeof deflectionChannels)[number];

export interface DeflectionShown {
  visit: string;
  channel: DeflectionChannel;
  locale: string;
  /** The return reasons the answers were picked for; none for a typed question. */
  reason?: string | null;
  articles: number;
}

/** The answers were shown first (a reload of the step is the same question). */
export async function recordDeflectionShown(s: Services, shopId: string, shown: DeflectionShown): Promise<void> {
  await s
    .db(shopId)
    .insert(deflections)
    .values({
      id: s.newId('dfl'),
      shopId,
      visit: shown.visit,
      channel: shown.channel,
      locale: shown.locale,
      reason: shown.reason ?? null,
      articles: shown.articles,
      createdAt: s.clock.now(),
    })
    .onConflictDoNothing()
    .run();
}

export interface DeflectionOutcome {
  visit: string;
  outcome: 'answered' | 'continued';
  /** For a question never shown answers first (an article marked helpful in the help center): `help`. */
  channel: DeflectionChannel;
  locale: string;
  /** The case the shopper opened by going on. */
  caseId?: string | null;
}

/** What the shopper did next; `continued` wins over `answered`, the first decision time and case stay. */
export async function recordDeflectionOutcome(s: Services, shopId: string, o: DeflectionOutcome): Promise<void> {
  const now = s.clock.now();
  await s
    .db(shopId)
    .insert(deflections)
    .values({
      id: s.newId('dfl'),
      shopId,
      visit: o.visit,
      channel: o.channel,
      locale: o.locale,
      outcome: o.outcome,
      caseId: o.caseId ?? null,
      createdAt: now,
      decidedAt: now,
    })
    .onConflictDoUpdate({
      target: [deflections.shopId, deflections.visit],
      set: {
        outcome: sql`CASE WHEN ${deflections.outcome} = 'continued' THEN 'continued' ELSE excluded.outcome END`,
        caseId: sql`COALESCE(${deflections.caseId}, excluded.case_id)`,
        decidedAt: sql`CASE WHEN ${deflections.outcome} IN ('continued', excluded.outcome) THEN ${deflections.decidedAt} ELSE excluded.decided_at END`,
      },
    })
    .run();
}

/**
 * The shopper went on and `caseId` opened: a question shown answers first becomes `continued` with
 * its case. Nothing for a visit that was never shown answers (it was not a deflection question).
 */
export async function markContinued(s: Services, shopId: string, visit: string, caseId: string): Promise<void> {
  await s
    .db(shopId)
    .update(deflections)
    .set({
      outcome: 'continued',
      caseId: sql`COALESCE(${deflections.caseId}, ${caseId})`,
      decidedAt: sql`CASE WHEN ${deflections.outcome} = 'continued' THEN ${deflections.decidedAt} ELSE ${s.clock.now()} END`,
    })
    .where(and(eq(deflections.shopId, shopId), eq(deflections.visit, visit)))
    .run();
}

/** The question's row, if it has one (to send a contact message once however often the form is posted). */
export async function findDeflection(s: Services, shopId: string, visit: string) {
  return s
    .db(shopId)
    .select()
    .from(deflections)
    .where(and(eq(deflections.shopId, shopId), eq(deflections.visit, visit)))
    .get();
}

export interface DeflectionCounts {
  /** Questions shown answers first (or answered in the help center) in the range. */
  questions: number;
  /** Of those, the ones that did not go on to a case: answered, or left. */
  answeredWithoutCase: number;
  /** Said so ("This answered my question", or marked an article helpful). */
  answered: number;
  /** Saw the answers and went no further. */
  left: number;
  /** Went on to send the message or the return. */
  continued: number;
  byChannel: Record<DeflectionChannel, { questions: number; answeredWithoutCase: number }>;
}

/** The deflection outcomes of questions that began in [from, to). */
export async function deflectionCounts(s: Services, shopId: string, from: number, to: number) {
  const rows = await s
    .db(shopId)
    .select({ channel: deflections.channel, outcome: deflections.outcome, n: sql<number>`count(*)` })
    .from(deflections)
    .where(and(eq(deflections.shopId, shopId), gte(deflections.createdAt, from), lt(deflections.createdAt, to)))
    .groupBy(deflections.channel, deflections.outcome)
    .all();
  const counts: DeflectionCounts = {
    questions: 0,
    answeredWithoutCase: 0,
    answered: 0,
    left: 0,
    continued: 0,
    byChannel: {
      contact: { questions: 0, answeredWithoutCase: 0 },
      return: { questions: 0, answeredWithoutCase: 0 },
      help: { questions: 0, answeredWithoutCase: 0 },
    },
  };
  for (const { channel, outcome, n } of rows) {
    const deflected = outcome === 'continued' ? 0 : n;
    counts.questions += n;
    counts.answeredWithoutCase += deflected;
    counts[outcome === 'shown' ? 'left' : outcome] += n;
    counts.byChannel[channel].questions += n;
    counts.byChannel[channel].answeredWithoutCase += deflected;
  }
  return counts;
}
