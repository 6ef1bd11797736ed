/**
 * Procedures: the checklist an agent follows for a kind of case, so a case is handled the same
 * whoever picks it up. Each shop keeps its own (the `procedures` table, a starter set to begin
 * with). A step is ticked by an internal note that carries the step's marker
 * (`[step:damaged.photos]`): it lands on the timeline as a case event through `decide` like every
 * other note, and the ticks are read back from the timeline, so there is nothing else to keep in step.
 */
import type { ProcedureStepRecord } from '../db/schema/procedures';

/** A procedure as the checklist needs it (a stored row, or a starter one). */
export interface ProcedureDefinition {
  key: string;
  caseTypes: string[];
  /** Return reasons it applies to; empty: every case of those types. */
  reasons: string[];
  steps: ProcedureStepRecord[];
}

/** One step in the reader's language. */
export interface ProcedureStep {
  id: string;
  label: string;
  /** The procedure it belongs to. */
  procedure: string;
}

/** The words in `locale`, else English, else any: a step added in one language still shows. */
export function labelIn(labels: Record<string, string>, locale: string): string {
  return labels[locale] || labels.en || Object.values(labels).find(Boolean) || '';
}

/** The steps for a case of `type` with these item reasons, specific procedures first, each step once. */
export function procedureFor(
  procedures: ProcedureDefinition[],
  type: string,
  reasons: string[],
  locale = 'en',
): ProcedureStep[] {
  const matching = procedures.filter(
    (p) => p.caseTypes.includes(type) && (p.reasons.length === 0 || p.reasons.some((r) => reasons.includes(r))),
  );
  const ordered = [...matching.filter((p) => p.reasons.length > 0), ...matching.filter((p) => p.reasons.length === 0)];
  const seen = new Set<string>();
  return ordered
    .flatMap((p) => p.steps.map((step) => ({ id: step.id, label: labelIn(step.labels, locale), procedure: p.key })))
    .filter((step) => !seen.has(step.id) && seen.add(step.id));
}

/** The note that ticks a step (the marker is how the tick is found again). */
export function tickNote(step: { id: string; label: string }): string {
  return `Procedure step done: ${step.label} [step:${step.id}]`;
}

export interface TickedStep {
  actor: string;
  at: number;
}

/** Which steps the timeline's notes have ticked, by step id (the first tick counts). */
export function tickedSteps(
  events: Array<{ type: string; reason: string | null; actor: string; at: number }>,
): Map<string, TickedStep> {
  const ticked = new Map<string, TickedStep>();
  for (const e of events) {
    const id = e.type === 'NoteAdded' ? /\[step:([a-z0-9.-]+)\]$/.exec(e.reason ?? '')?.[1] : undefined;
    if (id && !ticked.has(id)) ticked.set(id, { actor: e.actor, at: e.at });
  }
  return ticked;
}

/** The steps of `steps` nobody ticked: what closing the case now skips. */
export function unticked(steps: ProcedureStep[], ticked: Map<string, TickedStep>): ProcedureStep[] {
  return steps.filter((step) => !ticked.has(step.id));
}
