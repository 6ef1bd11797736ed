/**
 * Personal API tokens of members: `aftercare_mt_<shop id>.<32 random bytes>`. The token names its
 * shop, so the admin API knows which shop's database holds it and never needs X-Shop-Domain. Only
 * an HMAC of the whole token under the `member-token-pepper` subkey is stored: a leaked table lets
 * nobody sign in, and changing the shop id inside a token changes its hash, so it reaches no shop.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { members, memberTokens } from '../db/schema';
import { toBase64Url, toHex } from '../lib/crypto';
import { macFor } from '../lib/keys';
import { asStatement, shopEventStatement } from '../db/shop-event-rows';
import type { Services } from '../services';
import type { MemberRow } from './members';

const TOKEN_PATTERN = /^aftercare_mt_(shop_[A-Za-z0-9_]{1,64})\.([A-Za-z0-9_-]{43})$/;

/** The shop a token names, or null when it is not shaped like a member token. */
export function shopOfMemberToken(token: string): string | null {
  return TOKEN_PATTERN.exec(token)?.[1] ?? null;
}

async function hashOf(s: Services, token: string): Promise<string> {
  return toHex(await macFor(s.settings.APP_SECRET, 'member-token-pepper', token));
}

/** Creates a token for the member; the caller shows `token` once, it is never readable again. */
export async function issueMemberToken(s: Services, member: MemberRow, label: string | null, actor: string) {
  const token = `aftercare_mt_${member.shopId}.${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
  const row = {
    id: s.newId('mtk'),
    shopId: member.shopId,
    memberId: member.id,
    tokenHash: await hashOf(s, token),
    label,
    createdAt: s.clock.now(),
  };
  const d1 = s.d1(member.shopId);
  const data = { memberId: member.id, name: member.name, tokenId: row.id, label };
  const event = shopEventStatement(s, d1, { shopId: member.shopId, type: 'MemberTokenIssued', actor, data });
  await d1.batch([asStatement(d1, s.db(member.shopId).insert(memberTokens).values(row)), event]);
  return { id: row.id, token, label, createdAt: row.createdAt };
}

/**
 * The active member a token belongs to, or null (unknown, revoked, deactivated member, or a shop
 * id that is not the token's). Records the use time.
 */
export async function memberOfToken(s: Services, token: string): Promise<MemberRow | null> {
  const shopId = shopOfMemberToken(token);
  if (!shopId) return null;
  const db = s.db(shopId);
  const found = await db
    .select({ member: members, tokenId: memberTokens.id })
    .from(memberTokens)
    .innerJoin(members, and(eq(members.id, memberTokens.memberId), eq(members.shopId, memberTokens.shopId)))
    .where(
      and(
        eq(memberTokens.tokenHash, await hashOf(s, token)),
        eq(memberTokens.shopId, shopId),
        isNull(memberTokens.revokedAt),
      ),
    )
    .get();
  if (!found?.member.active) return null;
  await db.update(memberTokens).set({ lastUsedAt: s.clock.now() }).where(eq(memberTokens.id, found.tokenId));
  return found.member;
}

export function listMemberTokens(s: Services, shopId: string, memberId: string) {
  return s
    .db(shopId)
    .select({
      id: memberTokens.id,
      label: memberTokens.label,
      createdAt: memberTokens.createdAt,
      lastUsedAt: memberTokens.lastUsedAt,
      revokedAt: memberTokens.revokedAt,
    })
    .from(memberTokens)
    .where(and(eq(memberTokens.shopId, shopId), eq(memberTokens.memberId, memberId)))
    .orderBy(asc(memberTokens.createdAt))
    .all();
}

/** Revokes one token of the member, with its event; true when it was active. */
export async function revokeMemberToken(
  s: Services,
  shopId: string,
  token: { memberId: string; tokenId: string },
  actor: string,
) {
  const d1 = s.d1(shopId);
  const update = s
    .db(shopId)
    .update(memberTokens)
    .set({ revokedAt: s.clock.now() })
    .where(
      and(
        eq(memberTokens.shopId, shopId),
        eq(memberTokens.memberId, token.memberId),
        eq(memberTokens.id, token.tokenId),
        isNull(memberTokens.revokedAt),
      ),
    );
  const event = { shopId, type: 'MemberTokenRevoked' as const, actor, data: { ...token } };
  const [res] = await d1.batch([asStatement(d1, update), shopEventStatement(s, d1, event, { afterChange: true })]);
  return (res?.meta.changes ?? 0) > 0;
}
