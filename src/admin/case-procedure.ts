/** The case's procedure as the case page shows it: each step, ticked (by whom, when) or not. */
import { type ProcedureStep, procedureFor, tickedSteps, type TickedStep } from '../help/procedures';
import type { CaseDetail } from './case-detail';

export interface ProcedureRow extends ProcedureStep {
  ticked: TickedStep | null;
}

export function caseProcedure(d: CaseDetail): ProcedureRow[] {
  const reasons = d.loaded.items.map((i) => i.reason);
  const ticked = tickedSteps(d.events);
  return procedureFor(d.loaded.row.type, reasons).map((step) => ({ ...step, ticked: ticked.get(step.id) ?? null }));
}
