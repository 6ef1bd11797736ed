/**
 * Procedure steps skipped: when a case closes with steps of its checklist nobody ticked, the close's
 * batch also records one `ProcedureStepsSkipped` event naming them (through the one event writer),
 * and the weekly review asks which steps are skipped most (`skippedStepsForWeek`).
 */
import { and, eq } from 'drizzle-orm';
import { type OnceEvent, onceEventStatements } from '../db/case-event-rows';
import type { LoadedCase } from '../db/case-store';
import { caseEvents } from '../db/schema/cases';
import type { Services } from '../services';
import { listProcedures } from './procedure-store';
import { labelIn, procedureFor, type ProcedureStep, tickedSteps, unticked } from './procedures';

/** The case's checklist steps nobody has ticked yet (in English, as the audit trail keeps them). */
export async function untickedSteps(s: Services, shopId: string, loaded: LoadedCase): Promise<ProcedureStep[]> {
  const procedures = await listProcedures(s, shopId);
  const steps = procedureFor(
    procedures,
    loaded.row.type,
    loaded.items.map((i) => i.reason),
  );
  if (steps.length === 0) return [];
  const notes = await s
    .db(shopId)
    .select({ type: caseEvents.type, reason: caseEvents.reason, actor: caseEvents.actor, at: caseEvents.at })
    .from(caseEvents)
    .where(and(eq(caseEvents.shopId, shopId), eq(caseEvents.caseId, loaded.row.id), eq(caseEvents.type, 'NoteAdded')))
    .all();
  return unticked(steps, tickedSteps(notes));
}

/**
 * For a closing command's batch: the `ProcedureStepsSkipped` event when steps are unticked, else
 * nothing. Once per close (its id names the case's version at the close), and not versioned: it is
 * a fact about the close, not a decision the case's commands read.
 */
export async function skippedStepStatements(
  s: Services,
  shopId: string,
  loaded: LoadedCase,
  at: number,
  actor = 'system',
): Promise<D1PreparedStatement[]> {
  const skipped = await untickedSteps(s, shopId, loaded);
  if (skipped.length === 0) return [];
  const event: OnceEvent = {
    shopId,
    caseId: loaded.row.id,
    id: `cev_skipped_${loaded.row.id}_v${loaded.row.version}`,
    actor,
    type: 'ProcedureStepsSkipped',
    reason: `${skipped.length} procedure step(s) not done at close`,
    data: { steps: skipped.map((step) => ({ id: step.id, procedure: step.procedure, label: step.label })) },
    at,
    versioned: false,
  };
  return onceEventStatements(s, event);
}

export interface SkippedStepCount {
  stepId: string;
  procedure: string;
  /** The step's words now (the shop's procedure, in `locale`), else as recorded at the close. */
  label: string;
  /** Cases closed in the range with this step skipped. */
  cases: number;
}

/**
 * Skipped steps by procedure step for the closes in [range.from, range.to), most skipped first: what
 * the weekly review shows. `locale` picks the words of steps the shop still has.
 */
export async function skippedStepsForWeek(
  s: Services,
  shopId: string,
  range: { from: number; to: number },
  locale = 'en',
): Promise<SkippedStepCount[]> {
  const { results } = await s
    .d1(shopId)
    .prepare(
      `SELECT json_extract(step.value, '$.id') AS stepId, json_extract(step.value, '$.procedure') AS procedure,
         max(json_extract(step.value, '$.label')) AS label, count(DISTINCT e.case_id) AS cases
       FROM case_events e, json_each(e.data, '$.steps') AS step
       WHERE e.shop_id = ?1 AND e.type = 'ProcedureStepsSkipped' AND e.at >= ?2 AND e.at < ?3
       GROUP BY stepId, procedure ORDER BY cases DESC, stepId`,
    )
    .bind(shopId, range.from, range.to)
    .all<SkippedStepCount>();
  const current = new Map(
    (await listProcedures(s, shopId)).flatMap((p) => p.steps.map((step) => [step.id, labelIn(step.labels, locale)])),
  );
  return results.map((r) => ({ ...r, label: current.get(r.stepId) || r.label }));
}
