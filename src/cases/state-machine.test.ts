import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseStatuses } from './vocabulary';
import {
  allCommands,
  decide,
  evolve,
  evolveAll,
  isDecideError,
  type CaseCommand,
  type CaseState,
  type CaseStatus,
} from './state-machine';

const ctx = { actor: 'agent:ana', at: 1_000, reason: null };
const st = (status: CaseStatus, extra: Partial<CaseState> = {}): CaseState => ({
  status,
  resumeStatus: null,
  refund: 'none',
  ...extra,
});
const cmd = (type: CaseCommand['type']): CaseCommand =>
  type === 'resolve'
    ? { type, resolution: 'refund' }
    : type === 'tag'
      ? { type, tags: ['x'] }
      : type === 'open'
        ? { type, caseType: 'return' }
        : ({ type } as CaseCommand);

describe('case transitions', () => {
  const table: Array<[CaseStatus, CaseCommand['type'], CaseStatus | 'error', string?]> = [
    ['requested', 'approve', 'approved', 'ReturnApproved'],
    ['requested', 'reject', 'rejected', 'ReturnRejected'],
    ['approved', 'await_shipment', 'awaiting_shipment', 'ShipmentAwaited'],
    ['awaiting_shipment', 'mark_in_transit', 'in_transit', 'ReturnInTransit'],
    ['in_transit', 'receive', 'received', 'ReturnReceived'],
    ['approved', 'receive', 'received', 'ReturnReceived'],
    ['received', 'inspect', 'inspected', 'ReturnInspected'],
    ['inspected', 'resolve', 'resolved', 'CaseResolved'],
    ['approved', 'resolve', 'resolved', 'CaseResolved'],
    ['resolved', 'close', 'closed', 'CaseClosed'],
    ['rejected', 'close', 'closed', 'CaseClosed'],
    ['closed', 'reopen', 'requested', 'CaseReopened'],
    ['received', 'request_info', 'waiting_on_customer', 'InfoRequested'],
    ['approved', 'note', 'approved', 'NoteAdded'],
    // guards
    ['requested', 'receive', 'error'],
    ['approved', 'approve', 'error'],
    ['rejected', 'approve', 'error'],
    ['closed', 'approve', 'error'],
    ['closed', 'close', 'error'],
    ['requested', 'resolve', 'error'],
    ['closed', 'request_info', 'error'],
    ['requested', 'customer_replied', 'error'],
  ];
  it.each(table)('%s + %s → %s', (from, command, to, type) => {
    const result = decide(st(from), cmd(command), ctx);
    if (to === 'error') {
      expect(isDecideError(result)).toBe(true);
      return;
    }
    if (isDecideError(result)) throw new Error(result.message);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ type, from, to, actor: 'agent:ana', at: 1_000 });
    expect(evolveAll(st(from), result)?.status).toBe(to);
  });

  it('waiting_on_customer remembers the status to resume and returns to it', () => {
    const asked = decide(st('in_transit'), { type: 'request_info' }, ctx);
    if (isDecideError(asked)) throw new Error(asked.message);
    const waiting = evolveAll(st('in_transit'), asked)!;
    expect(waiting).toMatchObject({ status: 'waiting_on_customer', resumeStatus: 'in_transit' });
    const replied = decide(waiting, { type: 'customer_replied' }, { ...ctx, actor: 'shopper' });
    if (isDecideError(replied)) throw new Error(replied.message);
    expect(replied[0]).toMatchObject({ type: 'CustomerReplied', from: 'waiting_on_customer', to: 'in_transit' });
    expect(evolveAll(waiting, replied)).toMatchObject({ status: 'in_transit', resumeStatus: null });
  });

  it('an agent decision while waiting ends the wait first, leaving both events', () => {
    const result = decide(st('waiting_on_customer', { resumeStatus: 'requested' }), { type: 'approve' }, ctx);
    if (isDecideError(result)) throw new Error(result.message);
    expect(result.map((e) => [e.type, e.from, e.to])).toEqual([
      ['CustomerReplied', 'waiting_on_customer', 'requested'],
      ['ReturnApproved', 'requested', 'approved'],
    ]);
  });

  it('a pending refund blocks a second resolution; a failed one may be retried', () => {
    expect(decide(st('resolved', { refund: 'pending' }), { type: 'resolve', resolution: 'refund' }, ctx)).toMatchObject(
      { error: 'refund_in_progress' },
    );
    expect(
      decide(st('resolved', { refund: 'succeeded' }), { type: 'resolve', resolution: 'refund' }, ctx),
    ).toMatchObject({ error: 'already_refunded' });
    const retry = decide(st('resolved', { refund: 'failed' }), { type: 'resolve', resolution: 'refund' }, ctx);
    expect(isDecideError(retry)).toBe(false);
    expect(evolveAll(st('resolved', { refund: 'failed' }), retry as never)?.refund).toBe('pending');
  });

  it('opening a case yields ReturnRequested from nothing', () => {
    const r = decide(null, { type: 'open', caseType: 'return' }, { ...ctx, actor: 'shopper' });
    expect(r).toEqual([
      {
        type: 'ReturnRequested',
        from: null,
        to: 'requested',
        actor: 'shopper',
        reason: null,
        at: 1_000,
        data: { caseType: 'return' },
      },
    ]);
    expect(decide(st('requested'), { type: 'open', caseType: 'return' }, ctx)).toMatchObject({
      error: 'invalid_transition',
    });
    expect(decide(null, { type: 'open', caseType: 'complaint' }, ctx)).toMatchObject([
      { type: 'ComplaintOpened', to: 'requested' },
    ]);
  });
});

describe('state machine properties', () => {
  const commandArb = fc.constantFrom(...allCommands).map(cmd);
  const known = new Set<string>(caseStatuses);

  it('never reaches an undefined state and every accepted command leaves an event', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 40 }), (commands) => {
        let state: CaseState | null = evolveAll(null, decide(null, cmd('open'), ctx) as never);
        for (const c of commands) {
          const result = decide(state, c, ctx);
          if (isDecideError(result)) continue;
          expect(result.length).toBeGreaterThan(0);
          for (const e of result) {
            expect(e.from).toBe(state!.status);
            expect(known.has(e.to)).toBe(true);
            expect(e.actor).toBe('agent:ana');
            state = evolve(state, e);
          }
          expect(known.has(state!.status)).toBe(true);
          if (state!.status === 'waiting_on_customer') expect(known.has(state!.resumeStatus ?? '')).toBe(true);
          // A status change without an event is impossible: `evolve` is the only way it moves.
          const last = result.at(-1)!;
          expect(state!.status).toBe(last.to);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every reachable state can reach closed', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 40 }), (commands) => {
        let state = evolveAll(null, decide(null, cmd('open'), ctx) as never)!;
        for (const c of commands) {
          const result = decide(state, c, ctx);
          if (!isDecideError(result)) state = evolveAll(state, result)!;
        }
        if (state.status === 'closed') return;
        const closed = decide(state, { type: 'close' }, ctx);
        if (isDecideError(closed)) throw new Error(`stuck in ${state.status}: ${closed.message}`);
        expect(evolveAll(state, closed)?.status).toBe('closed');
      }),
      { numRuns: 300 },
    );
  });
});
