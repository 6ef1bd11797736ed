/**
 * Macros on the case page: each of the shop's macros rendered in the case's language with this
 * case's facts (customer name, order, tracking link, return label…). An agent inserts one into the
 * reply box, edits it, and sends it as a reply; its actions (tags, close) run after the reply,
 * through the same `applyCaseAction` as every action.
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

/** What a macro does after its reply is sent, in order: tag, then close. */
export function macroFollowUps(actions: MacroRow['actions']): CaseAction[] {
  const out: CaseAction[] = [];
  if (actions.tags?.length) out.push({ action: 'tag', add: actions.tags, remove: [] });
  if (actions.close) out.push({ action: 'close' });
  return out;
}

/**
 * Runs a macro's follow-ups on a case whose reply just left; null when the shop has no such macro.
 * Each is its own command, so the ones before a refused one stay done.
 */
export async function applyMacroFollowUps(
  s: Services,
  input: { shopId: string; caseId: string; macroId: string; actor: string },
): Promise<{ name: string } | null> {
  const row = await findMacro(s, input.shopId, input.macroId);
  if (!row) return null;
  for (const action of macroFollowUps(row.actions)) {
    const result = await applyCaseAction(s, { shopId: input.shopId, caseId: input.caseId, actor: input.actor, action });
    await runEffects(s, result.effects);
  }
  return { name: row.name };
}
