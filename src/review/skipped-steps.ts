/**
 * Procedure steps skipped in a review week, for the review's own section: the help center's
 * `skippedStepsForWeek` (src/help/skipped-steps.ts, from the `ProcedureStepsSkipped` events of the
 * closes in the week) in the review's shape.
 */
import { skippedStepsForWeek } from '../help/skipped-steps';
import type { Services } from '../services';

export interface SkippedStepLine {
  step: string;
  /** What the procedure calls the step (in the reader's language while the shop still has it). */
  label: string;
  /** Cases it was skipped on (the help center counts a case once however often it closed), twice over. */
  skipped: number;
  cases: number;
}

export async function reviewSkippedSteps(
  s: Services,
  shopId: string,
  range: { from: number; to: number },
  locale?: string,
): Promise<SkippedStepLine[]> {
  const lines = await skippedStepsForWeek(s, shopId, range, locale);
  return lines.map((l) => ({ step: l.stepId, label: l.label, skipped: l.cases, cases: l.cases }));
}
