/**
 * The case lifecycle as a pure decider: `decide(state, command, ctx)` answers the events a command
 * produces (or why it may not run), `evolve(state, event)` folds one event into the state. Nothing
 * but these two changes a case's status; every transition leaves an event with from/to/actor/reason.
 */
import type { CaseEventType } from './case-events';
import type { CaseStatus, CaseType } from './vocabulary';
import type { CommandErrorWhy } from '../lib/command-errors';

export type { CaseEventType, CaseStatus, CaseType };
export type Resolution = 'refund' | 'store_credit' | 'exchange' | 'keep' | 'repair';

export interface CaseState {
  status: CaseStatus;
  /** Where `waiting_on_customer` returns to when the customer answers. */
  resumeStatus: CaseStatus | null;
  /** The last money movement, so a failed refund may be retried and a pending one never doubled. */
  refund: 'none' | 'pending' | 'succeeded' | 'failed';
}

export type CaseCommand =
  | { type: 'open'; caseType: CaseType }
  | { type: 'approve' }
  | { type: 'reject' }
  | { type: 'request_info' }
  | { type: 'customer_replied' }
  | { type: 'await_shipment' }
  | { type: 'mark_in_transit' }
  | { type: 'receive' }
  | { type: 'inspect' }
  | { type: 'resolve'; resolution: Resolution }
  | { type: 'refund_succeeded' }
  | { type: 'refund_failed' }
  | { type: 'close' }
  | { type: 'reopen' }
  | { type: 'note' }
  /** A public reply to the customer (status unchanged; the SLA hears 'reply'). */
  | { type: 'reply' }
  | { type: 'tag'; tags: string[] };

export type CommandType = CaseCommand['type'];

export interface DecideContext {
  actor: string;
  reason?: string | null;
  at: number;
}

export interface CaseEvent {
  type: CaseEventType;
  from: CaseStatus | null;
  to: CaseStatus;
  actor: string;
  reason: string | null;
  at: number;
  data: Record<string, unknown>;
}

export interface DecideError {
  error: 'invalid_transition' | 'not_found' | 'refund_in_progress' | 'already_refunded';
  message: string;
  /** The refusal's code for a screen in the member's language (`error` stays the API's `reason`). */
  why: CommandErrorWhy;
}

export const isDecideError = (r: CaseEvent[] | DecideError): r is DecideError => !Array.isArray(r);

/** Statuses in which the item is on its way back or here; the shopper may not be "asked" back out of closed. */
const underwayStatuses: readonly CaseStatus[] = [
  'requested',
  'approved',
  'awaiting_shipment',
  'in_transit',
  'received',
  'inspected',
  'resolved',
];

/** For each status-changing command: statuses it may start from, and where it goes. */
const transitions: Partial<Record<CommandType, { from: readonly CaseStatus[]; to: CaseStatus; event: CaseEventType }>> =
  {
    approve: { from: ['requested'], to: 'approved', event: 'ReturnApproved' },
    reject: { from: ['requested'], to: 'rejected', event: 'ReturnRejected' },
    await_shipment: { from: ['approved'], to: 'awaiting_shipment', event: 'ShipmentAwaited' },
    mark_in_transit: { from: ['approved', 'awaiting_shipment'], to: 'in_transit', event: 'ReturnInTransit' },
    receive: { from: ['approved', 'awaiting_shipment', 'in_transit'], to: 'received', event: 'ReturnReceived' },
    inspect: { from: ['received'], to: 'inspected', event: 'ReturnInspected' },
    // `approved` → resolved is keep-the-item (or a warranty repair decided without a return).
    resolve: { from: ['approved', 'received', 'inspected'], to: 'resolved', event: 'CaseResolved' },
    close: { from: [...underwayStatuses, 'rejected', 'waiting_on_customer'], to: 'closed', event: 'CaseClosed' },
    reopen: { from: ['closed', 'rejected'], to: 'requested', event: 'CaseReopened' },
  };

const openingEvent: Partial<Record<CaseType, CaseEventType>> = {
  complaint: 'ComplaintOpened',
  inquiry: 'InquiryOpened',
};

function fail(error: DecideError['error'], message: string, why: CommandErrorWhy): DecideError {
  return { error, message, why };
}

function event(
  type: CaseEventType,
  from: CaseStatus | null,
  to: CaseStatus,
  ctx: DecideContext,
  data: Record<string, unknown> = {},
): CaseEvent {
  return { type, from, to, actor: ctx.actor, reason: ctx.reason ?? null, at: ctx.at, data };
}

/**
 * Which events `command` produces on `state`. While a case waits on the customer, an agent's
 * decision (approve/reject/receive…) ends the wait first: we emit `CustomerReplied`-free
 * transitions by deciding against the status the case will resume to.
 */
export function decide(state: CaseState | null, command: CaseCommand, ctx: DecideContext): CaseEvent[] | DecideError {
  if (command.type === 'open') {
    if (state) return fail('invalid_transition', 'The case already exists.', { code: 'case_exists' });
    return [
      event(openingEvent[command.caseType] ?? 'ReturnRequested', null, 'requested', ctx, {
        caseType: command.caseType,
      }),
    ];
  }
  if (!state) return fail('not_found', 'No such case.', { code: 'case_not_found' });
  const { status } = state;

  switch (command.type) {
    case 'note':
      return [event('NoteAdded', status, status, ctx)];
    case 'reply':
      return [event('ReplySent', status, status, ctx)];
    case 'tag':
      return [event('CaseTagged', status, status, ctx, { tags: command.tags })];
    case 'request_info':
      if (!underwayStatuses.includes(status))
        return fail('invalid_transition', `Cannot ask the customer while the case is ${status}.`, {
          code: 'status_forbids',
          vars: { status },
        });
      return [event('InfoRequested', status, 'waiting_on_customer', ctx, { resumeStatus: status })];
    case 'customer_replied': {
      if (status !== 'waiting_on_customer')
        return fail('invalid_transition', 'The case is not waiting on the customer.', {
          code: 'not_waiting_on_customer',
        });
      return [event('CustomerReplied', status, state.resumeStatus ?? 'requested', ctx)];
    }
    case 'refund_succeeded':
      if (state.refund !== 'pending')
        return fail('invalid_transition', 'No refund is pending on this case.', { code: 'no_refund_pending' });
      return [event('RefundSucceeded', status, status, ctx)];
    case 'refund_failed':
      if (state.refund !== 'pending')
        return fail('invalid_transition', 'No refund is pending on this case.', { code: 'no_refund_pending' });
      return [event('RefundFailed', status, status, ctx)];
    default:
      break;
  }

  const rule = transitions[command.type];
  if (!rule)
    return fail('invalid_transition', `Unknown command ${command.type}.`, {
      code: 'unknown_command',
      vars: { command: command.type },
    });
  // A decision taken while waiting on the customer ends the wait: resume, then transition.
  if (status === 'waiting_on_customer' && command.type !== 'close') {
    const resume = state.resumeStatus ?? 'requested';
    const resumed = decide({ ...state, status: resume, resumeStatus: null }, command, ctx);
    if (isDecideError(resumed)) return resumed;
    return [
      event('CustomerReplied', status, resume, { ...ctx, reason: 'decided while waiting on the customer' }),
      ...resumed,
    ];
  }
  if (command.type === 'resolve') {
    if (status === 'resolved' && state.refund === 'failed') {
      // A failed refund may be retried: a new resolution attempt on an already-resolved case.
      return [event('CaseResolved', status, 'resolved', ctx, { resolution: command.resolution, retry: true })];
    }
    if (state.refund === 'pending')
      return fail('refund_in_progress', 'A refund for this case is already in progress.', {
        code: 'refund_in_progress',
      });
    if (state.refund === 'succeeded')
      return fail('already_refunded', 'This case has already been refunded.', { code: 'already_refunded' });
  }
  if (!rule.from.includes(status)) {
    return fail(
      'invalid_transition',
      `Cannot ${command.type.replaceAll('_', ' ')} a case that is ${status.replaceAll('_', ' ')}.`,
      { code: 'status_forbids', vars: { status } },
    );
  }
  const data = command.type === 'resolve' ? { resolution: command.resolution } : {};
  return [event(rule.event, status, rule.to, ctx, data)];
}

/** Folds one event into the state. Total: every event type has a defined result. */
export function evolve(state: CaseState | null, e: CaseEvent): CaseState {
  const base: CaseState = state ?? { status: 'requested', resumeStatus: null, refund: 'none' };
  switch (e.type) {
    case 'InfoRequested':
      return {
        ...base,
        status: 'waiting_on_customer',
        resumeStatus: base.status === 'waiting_on_customer' ? base.resumeStatus : base.status,
      };
    case 'CustomerReplied':
      return { ...base, status: e.to, resumeStatus: null };
    case 'CaseResolved': {
      const moves = e.data.resolution === 'refund' || e.data.resolution === 'store_credit';
      return { ...base, status: e.to, refund: moves ? 'pending' : base.refund };
    }
    case 'RefundSucceeded':
      return { ...base, refund: 'succeeded' };
    case 'RefundFailed':
      return { ...base, refund: 'failed' };
    case 'CaseReopened':
      return { ...base, status: e.to, resumeStatus: null };
    default:
      return { ...base, status: e.to };
  }
}

export function evolveAll(state: CaseState | null, events: CaseEvent[]): CaseState | null {
  return events.reduce<CaseState | null>((s, e) => evolve(s, e), state);
}

export const allCommands: CommandType[] = [
  'approve',
  'reject',
  'request_info',
  'customer_replied',
  'await_shipment',
  'mark_in_transit',
  'receive',
  'inspect',
  'resolve',
  'refund_succeeded',
  'refund_failed',
  'close',
  'reopen',
  'note',
  'reply',
  'tag',
];
