/** The case's procedure as the case page shows it: the shop's own checklist, each step ticked (by whom, when) or not. */
import { listProcedures } from '../help/procedure-store';
import { type ProcedureStep, procedureFor, tickedSteps, type TickedStep } from '../help/procedures';
import type { Services } from '../services';
import type { CaseDetail } from './case-detail';

export interface ProcedureRow extends ProcedureStep {
  ticked: TickedStep | null;
}

/** `locale`: the reader's language (the member's), for the steps' words. */
export async function caseProcedure(
  s: Services,
  shopId: string,
  d: CaseDetail,
  locale = 'en',
): Promise<ProcedureRow[]> {
  const reasons = d.loaded.items.map((i) => i.reason);
  const ticked = tickedSteps(d.events);
  const steps = procedureFor(await listProcedures(s, shopId), d.loaded.row.type, reasons, locale);
  return steps.map((step) => ({ ...step, ticked: ticked.get(step.id) ?? null }));
}
