/**
 * The words a case is made of, each defined once: its types, statuses and priorities, which
 * statuses end a case, and which ones a carrier pickup books, waits or is cancelled in. The schema
 * takes its column enums from here, and SQL takes its `IN (…)` lists from here (`sqlInList`).
 */

export const caseTypes = ['return', 'exchange', 'warranty', 'complaint', 'inquiry'] as const;
export type CaseType = (typeof caseTypes)[number];

export const caseStatuses = [
  'requested',
  'approved',
  'rejected',
  'awaiting_shipment',
  'in_transit',
  'received',
  'inspected',
  'resolved',
  'closed',
  'waiting_on_customer',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof priorities)[number];

/** A case in one of these is over: its SLA clock stops, the queue's "open" view leaves it out. */
export const terminalStatuses = ['resolved', 'closed', 'rejected'] as const satisfies readonly CaseStatus[];

/** Every status that is not terminal: the queue's "open" view. */
export const openStatuses: readonly CaseStatus[] = caseStatuses.filter((s) => !isTerminalStatus(s));

export function isTerminalStatus(status: string): boolean {
  return (terminalStatuses as readonly string[]).includes(status);
}

/**
 * Where a pickup stands with its case (`pickupFit`, and the cron's re-queue in SQL): it is booked
 * while the case wants the parcel, waits while the case awaits its decision, and is cancelled in
 * every other status. A case waiting on the customer counts as the status it resumes to.
 */
export const pickupBookStatuses = ['approved', 'awaiting_shipment'] as const satisfies readonly CaseStatus[];
export const pickupWaitStatuses = ['requested'] as const satisfies readonly CaseStatus[];

/** The status a case counts as: the one it resumes to while it waits on the customer. */
export function effectiveStatus(status: string, resumeStatus: string | null): string {
  return status === 'waiting_on_customer' ? (resumeStatus ?? 'requested') : status;
}

/** `effectiveStatus` in SQL, over the cases row aliased `alias`. */
export function effectiveStatusSql(alias: string): string {
  return `CASE WHEN ${alias}.status = 'waiting_on_customer' THEN COALESCE(${alias}.resume_status, 'requested') ELSE ${alias}.status END`;
}
