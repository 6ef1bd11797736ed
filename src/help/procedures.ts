/**
 * Procedures: the checklist an agent follows for a kind of case, so a case is handled the same
 * whoever picks it up. A step is ticked by an internal note that carries the step's marker
 * (`[step:damaged.photos]`): it lands on the timeline as a case event through `decide` like every
 * other note, and the ticks are read back from the timeline, so there is nothing else to keep in step.
 */
export interface ProcedureStep {
  id: string;
  label: string;
}

interface Procedure {
  /** Case types it applies to. */
  types: string[];
  /** Return reasons it applies to; empty: every case of those types. */
  reasons: string[];
  steps: ProcedureStep[];
}

const procedures: Procedure[] = [
  {
    types: ['return', 'exchange', 'warranty'],
    reasons: ['damaged', 'defective'],
    steps: [
      { id: 'damaged.photos', label: 'Ask for photos of the parcel and the item' },
      { id: 'damaged.check', label: 'Check the photos show the damage or fault' },
      { id: 'damaged.replace-first', label: 'Offer a replacement before a refund' },
      { id: 'damaged.carrier', label: 'Report transport damage to the carrier' },
    ],
  },
  {
    types: ['return', 'exchange'],
    reasons: ['wrong_item'],
    steps: [
      { id: 'wrong.photo', label: 'Ask for a photo of the item received' },
      { id: 'wrong.send-right', label: 'Send the right item, or refund if the customer prefers' },
    ],
  },
  {
    types: ['return', 'exchange'],
    reasons: [],
    steps: [
      { id: 'return.window', label: 'Check the order is inside the return window' },
      { id: 'return.inspect', label: 'Inspect the item when it arrives, before the refund' },
    ],
  },
  {
    types: ['complaint'],
    reasons: [],
    steps: [
      { id: 'complaint.acknowledge', label: 'Acknowledge the complaint within the first-response target' },
      { id: 'complaint.cause', label: 'Find and note the cause' },
      { id: 'complaint.goodwill', label: 'Offer a goodwill gesture when we were at fault' },
    ],
  },
];

/** The steps for a case of `type` with these item reasons, specific procedures first, each step once. */
export function procedureFor(type: string, reasons: string[]): ProcedureStep[] {
  const matching = procedures.filter(
    (p) => p.types.includes(type) && (p.reasons.length === 0 || p.reasons.some((r) => reasons.includes(r))),
  );
  const ordered = [...matching.filter((p) => p.reasons.length > 0), ...matching.filter((p) => p.reasons.length === 0)];
  const seen = new Set<string>();
  return ordered.flatMap((p) => p.steps).filter((step) => !seen.has(step.id) && seen.add(step.id));
}

/** The note that ticks a step (the marker is how the tick is found again). */
export function tickNote(step: ProcedureStep): string {
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
