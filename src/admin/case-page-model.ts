/**
 * Everything the case page shows for one member: the case's detail, the steps its state allows,
 * the variants an exchange may pick, the conversation with a fresh reply draft (a macro or an
 * article inserted), and which held money this member may decide.
 */
import { findShopById, type ShopRow, shopPolicy } from '../db/shops';
import { exchangeOptions } from '../portal/exchange-options';
import type { Services } from '../services';
import { listMembers } from '../team/members';
import { whyNotDecide } from '../team/money-approval';
import type { Principal } from '../team/principal';
import type { ItemVariants } from '../views/admin/case-action-fields';
import type { CasePageProps } from '../views/admin/case-page';
import { type CaseDetail, caseDetail } from './case-detail';
import { caseKnowledge } from './case-knowledge';
import { caseMacros } from './case-macros';
import { caseSteps } from './case-next-steps';
import { caseProcedure } from './case-procedure';
import { caseThread } from './case-thread';
import { slaMarker } from './sla-marker';

export type CasePageModel = Omit<CasePageProps, 'shop' | 'csrf' | 'notice' | 'error'>;

export interface CasePageQuery {
  kb?: string | undefined;
  use?: string | undefined;
  macro?: string | undefined;
}

export async function casePageModel(
  s: Services,
  input: { shopId: string; caseId: string; who: Principal; query: CasePageQuery; locale?: string },
): Promise<CasePageModel | null> {
  const [d, shop] = await Promise.all([caseDetail(s, input.shopId, input.caseId), findShopById(s, input.shopId)]);
  if (!d || !shop) return null;
  const row = d.loaded.row;
  const policy = shopPolicy(shop);
  const steps = caseSteps({
    state: d.loaded.state,
    type: row.type,
    resolution: row.resolution,
    hasItems: d.loaded.items.length > 0,
    moneyHeld: d.held.length > 0,
  });
  const helpShop = { id: shop.id, domain: shop.domain, currency: shop.currency, policy };
  const [kb, macros, members, variants, procedure] = await Promise.all([
    caseKnowledge(s, helpShop, row.locale, input.query.kb ?? '', input.query.use),
    caseMacros(s, shop, d),
    listMembers(s, input.shopId),
    steps.allowed.includes('exchange') ? itemVariants(s, shop, d) : {},
    caseProcedure(s, input.shopId, d, input.locale),
  ]);
  const macro = macros.find((m) => m.id === input.query.macro && m.text !== null) ?? null;
  return {
    d,
    sla: slaMarker(row, policy, s.clock.now()),
    steps,
    variants,
    thread: caseThread(d),
    draft: { key: crypto.randomUUID(), text: [macro?.text, kb.insert].filter(Boolean).join('\n\n'), macro },
    kb,
    macros,
    procedure,
    decidable: new Set(d.held.filter((h) => whyNotDecide(input.who, h, policy) === null).map((h) => h.requestId)),
    members,
  };
}

/** Per item, the other variants of its product; a catalog that cannot be read leaves the item without choices. */
async function itemVariants(s: Services, shop: ShopRow, d: CaseDetail): Promise<ItemVariants> {
  const lineOf = new Map(d.lines.map((l) => [l.id, l]));
  const entries = await Promise.all(
    d.loaded.items.map(async (item) => {
      const line = item.orderLineId ? lineOf.get(item.orderLineId) : undefined;
      const options = await exchangeOptions(s, shop, line?.productId ?? null, line?.variantId ?? null).catch(() => []);
      return [item.id, options] as const;
    }),
  );
  return Object.fromEntries(entries);
}
