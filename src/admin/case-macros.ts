/**
 * Macros on the case page: each of the shop's macros rendered in the case's language with this
 * case's facts, ready to insert into the reply box or to apply (send to the customer as a question,
 * then add its tags and close when it says so), through the same `applyCaseAction` as every action.
 */
import { applyCaseAction } from '../commands/apply-case-action';
import type { CaseAction } from '../commands/case-action-schema';
import { statusUrl } from '../commands/case-notifications';
import { findMacro, listMacros, type MacroRow } from '../help/macro-store';
import { type MacroVariables, renderMacro } from '../help/macros';
import { runEffects } from '../queue/effects';
import type { Services } from '../services';
import type { CaseDetail } from './case-detail';

export interface CaseMacro {
  id: string;
  name: string;
  /** Rendered in the case's language; null when it failed (a body saved before a variable was renamed). */
  text: string | null;
  actions: MacroRow['actions'];
}

export function macroVariables(s: Services, shop: { domain: string; name: string }, d: CaseDetail): MacroVariables {
  const c = d.loaded.row;
  const name = [d.customer?.firstName, d.customer?.lastName].filter(Boolean).join(' ');
  return {
    customer: { name, email: d.customer?.email ?? '' },
    order: { name: d.order?.name ?? '' },
    case: { number: `R-${c.number}` },
    shop: { name: shop.name },
    tracking_url: d.shipments.flatMap((sh) => sh.trackingUrls)[0] ?? '',
    return_label_url: d.pickups.find((p) => p.labelUrl)?.labelUrl ?? '',
    status_url: statusUrl(s, { shopDomain: shop.domain, caseId: c.id }),
  };
}

function rendered(row: MacroRow, locale: string, vars: MacroVariables): string | null {
  try {
    return renderMacro(row.bodies, locale, vars);
  } catch {
    return null;
  }
}

export async function caseMacros(
  s: Services,
  shop: { id: string; domain: string; name: string },
  d: CaseDetail,
): Promise<CaseMacro[]> {
  const vars = macroVariables(s, shop, d);
  const rows = await listMacros(s, shop.id);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    text: rendered(row, d.loaded.row.locale, vars),
    actions: row.actions,
  }));
}

/** The case actions a macro stands for, in order: ask (send), tag, close. */
export function macroActions(macro: CaseMacro): CaseAction[] {
  const actions: CaseAction[] = [];
  if (macro.text) actions.push({ action: 'request_info', message: macro.text });
  if (macro.actions.tags?.length) actions.push({ action: 'tag', add: macro.actions.tags, remove: [] });
  if (macro.actions.close) actions.push({ action: 'close' });
  return actions;
}

/** Applies a macro to a case; the actions before a refused one stay done (each is its own command). */
export async function applyMacro(
  s: Services,
  shop: { id: string; domain: string; name: string },
  d: CaseDetail,
  macroId: string,
  actor: string,
): Promise<CaseMacro | null> {
  const row = await findMacro(s, shop.id, macroId);
  if (!row) return null;
  const macro = {
    id: row.id,
    name: row.name,
    text: rendered(row, d.loaded.row.locale, macroVariables(s, shop, d)),
    actions: row.actions,
  };
  for (const action of macroActions(macro)) {
    const result = await applyCaseAction(s, { shopId: shop.id, caseId: d.loaded.row.id, actor, action });
    await runEffects(s, result.effects);
  }
  return macro;
}
