/**
 * Recording what shoppers did with the help center's articles (the `help_events` table: views,
 * votes, suggestions) and the figures the dashboard shows beside the deflection outcomes.
 */
import { and, gte, lt, eq, sql } from 'drizzle-orm';
import { type helpEventKinds, helpEvents } from '../db/schema/help';
import type { Services } from '../services';
import { type DeflectionCounts, deflectionCounts } from './deflections';

export type HelpEventKind = (typeof helpEventKinds)[number];

export interface HelpEvent {
  visit: string;
  kind: HelpEventKind;
  slug?: string;
  locale: string;
  reason?: string | null;
}

const visitPattern = /^[A-Za-z0-9_-]{16,32}$/;

/** A new question's id: 96 random bits, URL-safe. */
export function newVisitId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_');
}

/** A visit id derived from something unique to one question (a signed return draft): reloads keep it. */
export async function visitIdFor(seed: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(seed)));
  return btoa(String.fromCharCode(...digest.slice(0, 12)))
    .replaceAll('+', '-')
    .replaceAll('/', '_');
}

/** The visit id a link or form carried, or null when it is missing or not one of ours. */
export function readVisitId(value: unknown): string | null {
  return typeof value === 'string' && visitPattern.test(value) ? value : null;
}

/** Records one event; the same visit, kind and article again is a no-op (reloads, double clicks). */
export async function recordHelpEvent(s: Services, shopId: string, event: HelpEvent): Promise<void> {
  await s
    .db(shopId)
    .insert(helpEvents)
    .values({
      id: s.newId('hev'),
      shopId,
      visit: event.visit,
      kind: event.kind,
      slug: event.slug ?? '',
      locale: event.locale,
      reason: event.reason ?? null,
      createdAt: s.clock.now(),
    })
    .onConflictDoNothing()
    .run();
}

export interface DeflectionFigures extends DeflectionCounts {
  articleViews: number;
  helpful: number;
  notHelpful: number;
}

const count = (kind: HelpEventKind) => sql<number>`count(CASE WHEN ${helpEvents.kind} = ${kind} THEN 1 END)`;

/**
 * The dashboard's help-center figures for [from, to): questions and their outcomes from the
 * deflection records (src/help/deflections.ts), article views and votes from the help events.
 */
export async function deflectionFigures(s: Services, shopId: string, from: number, to: number) {
  const inRange = and(eq(helpEvents.shopId, shopId), gte(helpEvents.createdAt, from), lt(helpEvents.createdAt, to));
  const [totals, outcomes] = await Promise.all([
    s
      .db(shopId)
      .select({ views: count('viewed'), helpful: count('helpful'), notHelpful: count('not_helpful') })
      .from(helpEvents)
      .where(inRange)
      .get(),
    deflectionCounts(s, shopId, from, to),
  ]);
  return {
    ...outcomes,
    articleViews: totals?.views ?? 0,
    helpful: totals?.helpful ?? 0,
    notHelpful: totals?.notHelpful ?? 0,
  } satisfies DeflectionFigures;
}
