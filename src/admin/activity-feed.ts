/**
 * The shop's audit trail, newest first, 50 to a page: `/admin/activity` and `GET /api/admin/activity`.
 * Events live in the shop's database, except those of support addresses, which sit beside their
 * rows in the directory database; with sharding those are two databases, read and merged here.
 */
import * as z from 'zod';
import { isShopEventType, type ShopEventType } from '../db/shop-event-types';
import { AppError } from '../http/errors';
import type { Services } from '../services';

export const ACTIVITY_PAGE_SIZE = 50;

export interface ActivityEntry {
  id: string;
  type: ShopEventType;
  actor: string;
  /** The member's name when the actor is a member of the shop; null for operator, installer, system. */
  actorName: string | null;
  at: number;
  /** What the event is about, for its sentence: a member's name, an article's title, an address… */
  subject: string | null;
  data: Record<string, unknown>;
}

export interface ActivityPage {
  events: ActivityEntry[];
  /** The `before` of the next (older) page; null on the last one. */
  next: string | null;
}

interface Cursor {
  at: number;
  id: string;
}

const cursorPattern = /^(\d{1,15})\.(sev_[0-9A-Z]{26})$/;
export const activityCursor = z.string().regex(cursorPattern).max(64);

const cursorOf = (e: { at: number; id: string }) => `${e.at}.${e.id}`;

/** The `before` parameter; a malformed one is the caller's mistake (400), never a 500. */
export function parseCursor(before: string | undefined): Cursor | null {
  if (before === undefined || before === '') return null;
  const m = cursorPattern.exec(before);
  if (!m) throw new AppError('validation_failed', 'before must be the "next" of an earlier page.');
  return { at: Number(m[1]), id: m[2]! };
}

interface Row {
  id: string;
  type: string;
  actor: string;
  at: number;
  data: string;
}

function readFrom(d1: D1Database, shopId: string, before: Cursor | null, limit: number): Promise<D1Result<Row>> {
  const older = before ? 'AND (at < ?2 OR (at = ?2 AND id < ?3))' : '';
  return d1
    .prepare(
      `SELECT id, type, actor, at, data FROM shop_events WHERE shop_id = ?1 ${older}
       ORDER BY at DESC, id DESC LIMIT ${limit}`,
    )
    .bind(shopId, ...(before ? [before.at, before.id] : []))
    .all<Row>();
}

/** D1 binds at most 100 parameters a query: names are looked up this many ids at a time. */
const NAMES_PER_QUERY = 90;

async function memberNames(s: Services, shopId: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((a) => a.startsWith('mem_')))];
  const names = new Map<string, string>();
  for (let i = 0; i < unique.length; i += NAMES_PER_QUERY) {
    const chunk = unique.slice(i, i + NAMES_PER_QUERY);
    const rows = await s
      .d1(shopId)
      .prepare(`SELECT id, name FROM members WHERE shop_id = ? AND id IN (${chunk.map(() => '?').join(', ')})`)
      .bind(shopId, ...chunk)
      .all<{ id: string; name: string }>();
    for (const r of rows.results) names.set(r.id, r.name);
  }
  return names;
}

function subjectOf(data: Record<string, unknown>, names: Map<string, string>): string | null {
  const str = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : null);
  const member = str('memberId');
  if (member) return names.get(member) ?? str('name') ?? member;
  const [title, name, locale] = [str('title'), str('name'), str('locale')];
  if (title) return locale ? `${title} (${locale})` : title;
  if (name && locale) return `${name} · ${locale}`;
  return name ?? str('address') ?? str('value') ?? str('key');
}

const memberIdOf = (data: string) => {
  const id = (JSON.parse(data) as Record<string, unknown>)['memberId'];
  return typeof id === 'string' ? [id] : [];
};

const newestFirst = (a: Row, b: Row) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** One page of the shop's events older than `before` (a `next` of an earlier page). */
export async function activityPage(s: Services, shopId: string, before?: string): Promise<ActivityPage> {
  const cursor = parseCursor(before);
  const databases = [...new Set([s.d1(shopId), s.d1()])];
  const found = await Promise.all(databases.map((d1) => readFrom(d1, shopId, cursor, ACTIVITY_PAGE_SIZE + 1)));
  const rows = found
    .flatMap((r) => r.results)
    .filter((r) => isShopEventType(r.type))
    .sort(newestFirst);
  const page = rows.slice(0, ACTIVITY_PAGE_SIZE);
  const names = await memberNames(s, shopId, [...page.map((r) => r.actor), ...page.flatMap((r) => memberIdOf(r.data))]);
  const events = page.map((r) => {
    const data = JSON.parse(r.data) as Record<string, unknown>;
    const actorName = names.get(r.actor) ?? null;
    return {
      id: r.id,
      type: r.type as ShopEventType,
      actor: r.actor,
      actorName,
      at: r.at,
      subject: subjectOf(data, names),
      data,
    };
  });
  const last = page.at(-1);
  return { events, next: rows.length > ACTIVITY_PAGE_SIZE && last ? cursorOf(last) : null };
}
