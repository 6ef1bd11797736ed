/**
 * A shop's members: the read and write side behind `/api/admin/members` and the dispatcher's view
 * of who can take work. Every query is scoped by shop.
 */
import { locales } from '../i18n/locales';
import { and, asc, eq, sql } from 'drizzle-orm';
import * as z from 'zod';
import { members } from '../db/schema';
import { AppError } from '../http/errors';
import { asStatement, changeWithEvent, shopEventStatement } from '../db/shop-event-rows';
import type { Services } from '../services';
import { memberChangedEvent, memberInvitedEvent } from './member-events';
import { roles } from './roles';
import { workingHoursSchema } from './working-hours';

export type MemberRow = typeof members.$inferSelect;

const language = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 tag such as en or zh-CN');
const skill = z.string().trim().min(1).max(64);

export const memberInputSchema = z.object({
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(120),
  role: z.enum(roles),
  capacity: z.int().min(0).max(1000).default(10),
  languages: z.array(language).max(20).default([]),
  skills: z.array(skill).max(50).default([]),
  status: z.enum(['available', 'away']).default('available'),
  workingHours: workingHoursSchema.nullable().optional(),
  uiLocale: z.enum(locales).nullable().optional(),
});
export type MemberInput = z.infer<typeof memberInputSchema>;

export const memberPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    role: z.enum(roles),
    capacity: z.int().min(0).max(1000),
    languages: z.array(language).max(20),
    skills: z.array(skill).max(50),
    status: z.enum(['available', 'away']),
    workingHours: workingHoursSchema.nullable(),
    /** The admin's language for this member; null = their browser's. */
    uiLocale: z.enum(locales).nullable(),
    active: z.boolean(),
  })
  .partial()
  .strict();
export type MemberPatch = z.infer<typeof memberPatchSchema>;

/** What the API shows of a member (no Shopify user id, no internal bookkeeping). */
export function memberView(m: MemberRow) {
  return {
    id: m.id,
    email: m.email,
    name: m.name,
    role: m.role,
    capacity: m.capacity,
    languages: m.languages,
    skills: m.skills,
    status: m.status,
    workingHours: m.workingHours ?? null,
    uiLocale: m.uiLocale,
    active: m.active,
    lastAssignedAt: m.lastAssignedAt,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

export function listMembers(s: Services, shopId: string): Promise<MemberRow[]> {
  return s.db(shopId).select().from(members).where(eq(members.shopId, shopId)).orderBy(asc(members.createdAt)).all();
}

export function findMember(s: Services, shopId: string, id: string): Promise<MemberRow | undefined> {
  return s
    .db(shopId)
    .select()
    .from(members)
    .where(and(eq(members.shopId, shopId), eq(members.id, id)))
    .get();
}

export function findMemberByEmail(s: Services, shopId: string, email: string): Promise<MemberRow | undefined> {
  return s
    .db(shopId)
    .select()
    .from(members)
    .where(and(eq(members.shopId, shopId), eq(members.email, email.toLowerCase())))
    .get();
}

export async function createMember(s: Services, shopId: string, input: MemberInput, actor: string): Promise<MemberRow> {
  if (await findMemberByEmail(s, shopId, input.email))
    throw new AppError('conflict', `A member with the email ${input.email} exists already.`);
  const now = s.clock.now();
  const row: MemberRow = {
    id: s.newId('mem'),
    shopId,
    email: input.email,
    name: input.name,
    role: input.role,
    capacity: input.capacity,
    languages: input.languages,
    skills: input.skills,
    status: input.status,
    workingHours: input.workingHours ?? null,
    uiLocale: input.uiLocale ?? null,
    active: true,
    shopifyUserId: null,
    lastAssignedAt: null,
    sessionGeneration: 0,
    createdAt: now,
    updatedAt: now,
  };
  const d1 = s.d1(shopId);
  const insert = asStatement(d1, s.db(shopId).insert(members).values(row));
  await d1.batch([insert, shopEventStatement(s, d1, memberInvitedEvent(row, actor))]);
  return row;
}

export async function updateMember(
  s: Services,
  shopId: string,
  id: string,
  patch: MemberPatch,
  actor: string,
): Promise<MemberRow> {
  const before = await findMember(s, shopId, id);
  if (!before) throw new AppError('not_found', `No member ${id}.`);
  const changed = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  // A new role or a deactivation ends the member's screen sessions (SET reads the row as it was).
  const revoke =
    patch.active === false
      ? sql`1`
      : patch.role !== undefined
        ? sql`CASE WHEN ${members.role} <> ${patch.role} THEN 1 ELSE 0 END`
        : sql`0`;
  const d1 = s.d1(shopId);
  const update = s
    .db(shopId)
    .update(members)
    .set({
      ...changed,
      sessionGeneration: sql`${members.sessionGeneration} + ${revoke}`,
      updatedAt: s.clock.now(),
    })
    .where(and(eq(members.shopId, shopId), eq(members.id, id)));
  const event = shopEventStatement(s, d1, memberChangedEvent(before, patch, actor), { afterChange: true });
  await d1.batch([asStatement(d1, update), event]);
  const row = await findMember(s, shopId, id);
  if (!row) throw new AppError('not_found', `No member ${id}.`);
  // Back from away, more capacity, new skills: the oldest waiting cases may fit now; a deactivated
  // member's open cases go back to the queue.
  if (patch.active === false) await s.dispatcher.released(shopId, id);
  else await s.dispatcher.drain(shopId);
  return row;
}

/** The member's logout: every screen session of theirs (any browser) stops working; nobody else's. */
export async function revokeMemberSessions(s: Services, shopId: string, id: string): Promise<void> {
  await s
    .db(shopId)
    .update(members)
    .set({ sessionGeneration: sql`${members.sessionGeneration} + 1` })
    .where(and(eq(members.shopId, shopId), eq(members.id, id)))
    .run();
}

/**
 * The member behind a Shopify staff user (`sub` of a session token); the first visit creates an
 * agent the owner can promote. Insert-or-ignore on (shop, Shopify user) so two first requests agree.
 */
export async function memberForShopifyUser(s: Services, shopId: string, userId: string): Promise<MemberRow> {
  const db = s.db(shopId);
  const where = and(eq(members.shopId, shopId), eq(members.shopifyUserId, userId));
  const existing = await db.select().from(members).where(where).get();
  if (existing) return existing;
  const now = s.clock.now();
  const id = s.newId('mem');
  const name = `Shopify user ${userId}`;
  const insert = db
    .insert(members)
    .values({ id, shopId, name, role: 'agent', shopifyUserId: userId, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  const data = { memberId: id, name, role: 'agent' };
  await changeWithEvent(s, s.d1(shopId), asStatement(s.d1(shopId), insert), {
    shopId,
    type: 'MemberJoined',
    actor: 'system',
    data,
  });
  const row = await db.select().from(members).where(where).get();
  if (!row) throw new AppError('internal', 'The member could not be created.');
  return row;
}
