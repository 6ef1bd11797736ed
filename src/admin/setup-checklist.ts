/**
 * The first-run checklist: what a new shop still has to do before its first returns come in. Each
 * item is read from the shop's real state (its Shopify token, settings, support addresses, policy
 * and team), never from a stored tick, so it closes itself when the work is done elsewhere. Only
 * "skip for now" is stored (`shops.settings.setupDismissedAt`): it hides the list from the queue.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { defaultPolicy, type Policy } from '../cases/policy-schema';
import { listSupportAddresses } from '../conversations/support-addresses';
import { members, shops } from '../db/schema';
import { shopPolicy, type ShopRow } from '../db/shops';
import { asStatement, shopEventStatement } from '../db/shop-event-rows';
import type { Services } from '../services';

export const setupItemKeys = ['shopify', 'returnAddress', 'emailSender', 'policy', 'team'] as const;
export type SetupItemKey = (typeof setupItemKeys)[number];

export interface SetupItem {
  key: SetupItemKey;
  done: boolean;
  /** The screen where the item is done. */
  href: string;
}

export interface SetupChecklist {
  items: SetupItem[];
  open: number;
  /** When a manager chose "skip for now"; null while the list still shows on the queue. */
  dismissedAt: number | null;
}

export interface SetupFacts {
  /** Null for a shop that does not sell on Shopify: the item does not apply. */
  shopifyConnected: boolean | null;
  returnAddress: boolean;
  emailSender: boolean;
  policyReviewed: boolean;
  teamInvited: boolean;
}

export const RETURN_ADDRESS_PATH = '/admin/settings/return-address';

/** The items in the order a merchant does them, each with the screen it is done on. */
export function setupChecklist(facts: SetupFacts, shopDomain: string, dismissedAt: number | null): SetupChecklist {
  const items: SetupItem[] = [];
  if (facts.shopifyConnected !== null)
    items.push({
      key: 'shopify',
      done: facts.shopifyConnected,
      href: `/auth/shopify?${new URLSearchParams({ shop: shopDomain })}`,
    });
  items.push(
    { key: 'returnAddress', done: facts.returnAddress, href: RETURN_ADDRESS_PATH },
    { key: 'emailSender', done: facts.emailSender, href: '/admin/settings/email' },
    { key: 'policy', done: facts.policyReviewed, href: '/admin/policy' },
    { key: 'team', done: facts.teamInvited, href: '/admin/team' },
  );
  return { items, open: items.filter((i) => !i.done).length, dismissedAt };
}

/** True when the checklist belongs first on the queue: something is open and nobody skipped it. */
export const showsOnQueue = (c: SetupChecklist) => c.open > 0 && c.dismissedAt === null;

/**
 * A Shopify token background work can use (what `getShopAccessToken` would answer): stored, not
 * expired past refreshing, the shop installed. Local integrations stand in for Shopify with a dev
 * token, so there is nothing to connect.
 */
export function shopifyUsable(shop: ShopRow, now: number, localIntegrations: boolean): boolean {
  if (shop.status !== 'active') return false;
  if (localIntegrations) return true;
  if (!shop.accessTokenEnc) return false;
  const expiresAt = shop.accessTokenExpiresAt;
  return expiresAt === null || expiresAt > now || shop.refreshTokenEnc !== null;
}

/** A return address a label can carry: someone to address, a street, a city and a country. */
export function hasReturnAddress(settings: Record<string, unknown>): boolean {
  const a = settings['returnAddress'];
  if (!a || typeof a !== 'object') return false;
  const v = a as Record<string, unknown>;
  const filled = (k: string) => typeof v[k] === 'string' && (v[k] as string).trim() !== '';
  return filled('address1') && filled('city') && (filled('countryCode') || filled('country'));
}

/** The return policy without the parts other screens edit (SLA, help center), for comparing with the starter. */
function returnPart(p: Policy): string {
  const { sla: _sla, help: _help, ...rest } = p;
  return JSON.stringify(rest);
}

/** Saved in the policy editor (or imported) at least once, or no longer the starter policy (the API). */
export function policyReviewed(shop: Pick<ShopRow, 'policy' | 'settings'>): boolean {
  if (typeof shop.settings['policySavedAt'] === 'number') return true;
  return returnPart(shopPolicy(shop)) !== returnPart(defaultPolicy());
}

async function activeMemberCount(s: Services, shopId: string): Promise<number> {
  const row = await s
    .db(shopId)
    .select({ n: count() })
    .from(members)
    .where(and(eq(members.shopId, shopId), eq(members.active, true)))
    .get();
  return row?.n ?? 0;
}

/** The shop's checklist, read from its current state. */
export async function loadSetupChecklist(s: Services, shop: ShopRow): Promise<SetupChecklist> {
  const [addresses, team] = await Promise.all([listSupportAddresses(s, shop.id), activeMemberCount(s, shop.id)]);
  const local = s.settings.INTEGRATIONS === 'local';
  const facts: SetupFacts = {
    shopifyConnected: shop.platform === 'shopify' ? shopifyUsable(shop, s.clock.now(), local) : null,
    returnAddress: hasReturnAddress(shop.settings),
    emailSender: addresses.length > 0,
    policyReviewed: policyReviewed(shop),
    teamInvited: team > 1,
  };
  const dismissed = shop.settings['setupDismissedAt'];
  return setupChecklist(facts, shop.domain, typeof dismissed === 'number' ? dismissed : null);
}

/** "Skip for now": the list leaves the queue (the setup page still shows it). One statement with its event, other settings kept. */
export async function dismissSetup(s: Services, shopId: string, actor: string): Promise<void> {
  const now = s.clock.now();
  const d1 = s.d1(shopId);
  const update = s
    .db(shopId)
    .update(shops)
    .set({
      settings: sql`json_set(${shops.settings}, '$.setupDismissedAt', ${now}, '$.setupDismissedBy', ${actor})`,
      updatedAt: now,
    })
    .where(eq(shops.id, shopId));
  const event = { shopId, type: 'SetupSkipped' as const, actor };
  await d1.batch([asStatement(d1, update), shopEventStatement(s, d1, event, { afterChange: true })]);
}
