import { describe, expect, it } from 'vitest';
import { decide, isDecideError, type CaseState } from '../cases/state-machine';
import { caseStatuses, type CaseStatus } from '../cases/vocabulary';
import { commandForName } from '../commands/apply-case-action';
import { caseStepNames, caseSteps, type CaseStepsInput } from './case-next-steps';

const input = (status: CaseStatus, over: Partial<CaseStepsInput> = {}, state: Partial<CaseState> = {}) => ({
  state: { status, resumeStatus: null, refund: 'none' as const, ...state },
  type: 'return' as const,
  resolution: 'refund',
  hasItems: true,
  moneyHeld: false,
  ...over,
});

describe('the case page offers what the state allows, the likely next step first', () => {
  it.each([
    // status, extra, next, offered (a subset, in order where it matters), not offered
    ['requested', {}, 'approve', ['approve', 'reject', 'request_info', 'close'], ['refund', 'receive', 'reopen']],
    ['approved', {}, 'receive', ['receive', 'mark_in_transit', 'refund', 'close'], ['approve', 'reject', 'inspect']],
    ['in_transit', {}, 'receive', ['receive', 'close'], ['approve', 'refund', 'mark_in_transit']],
    ['received', { resolution: 'exchange' }, 'exchange', ['exchange', 'refund', 'inspect'], ['approve', 'receive']],
    ['inspected', { resolution: 'store_credit' }, 'store_credit', ['store_credit', 'refund'], ['inspect']],
    ['resolved', {}, 'close', ['close', 'request_info'], ['approve', 'refund', 'reopen']],
    ['closed', {}, null, ['reopen'], ['close', 'approve', 'refund', 'request_info']],
    ['rejected', {}, null, ['reopen', 'close'], ['approve', 'refund']],
  ] as const)('%s %j: next %s', (status, over, next, offered, notOffered) => {
    const steps = caseSteps(input(status, over));
    expect(steps.next).toBe(next);
    if (next) expect(steps.allowed[0]).toBe(next);
    for (const name of offered) expect(steps.allowed).toContain(name);
    for (const name of notOffered) {
      expect(steps.allowed).not.toContain(name);
      expect(steps.blocked.find((b) => b.name === name)?.why).toEqual({ code: 'status', status });
    }
  });

  it('a case waiting on the customer offers the decision it will resume to, and "customer replied" first', () => {
    const steps = caseSteps(input('waiting_on_customer', {}, { resumeStatus: 'requested' }));
    expect(steps.next).toBe('customer_replied');
    expect(steps.allowed).toEqual(expect.arrayContaining(['approve', 'reject', 'close']));
    expect(steps.allowed).not.toContain('refund');
  });

  it('a refund in flight is not offered again; a failed one is offered first to retry', () => {
    const paying = caseSteps(input('resolved', {}, { refund: 'pending' }));
    expect(paying.blocked.find((b) => b.name === 'refund')?.why).toEqual({ code: 'refund_in_progress' });
    const failed = caseSteps(input('resolved', {}, { refund: 'failed' }));
    expect(failed.next).toBe('refund');
  });

  it('an emailed question without items leads with a reply and explains the missing return steps', () => {
    const steps = caseSteps(input('requested', { type: 'inquiry', hasItems: false, resolution: null }));
    expect(steps.next).toBe('reply');
    expect(steps.allowed).toEqual(['request_info', 'close']);
    expect(steps.blocked.find((b) => b.name === 'approve')?.why).toEqual({ code: 'no_items' });
  });

  it('money waiting for a manager is not offered a second time', () => {
    const steps = caseSteps(input('received', { moneyHeld: true }));
    for (const name of ['refund', 'store_credit', 'exchange'] as const)
      expect(steps.blocked.find((b) => b.name === name)?.why).toEqual({ code: 'held' });
    expect(steps.next).toBeNull();
  });

  it('over every status and money state: offered ⇔ decide allows it, every other step has a reason', () => {
    for (const status of caseStatuses)
      for (const refund of ['none', 'pending', 'succeeded', 'failed'] as const)
        for (const resumeStatus of [null, 'requested', 'received'] as const) {
          const i = input(status, {}, { refund, resumeStatus });
          const steps = caseSteps(i);
          expect([...steps.allowed, ...steps.blocked.map((b) => b.name)].sort()).toEqual([...caseStepNames].sort());
          for (const name of caseStepNames) {
            const ok = !isDecideError(decide(i.state, commandForName(name), { actor: 't', at: 0 }));
            expect(steps.allowed.includes(name), `${status}/${refund}/${resumeStatus}: ${name}`).toBe(ok);
          }
          expect(steps.next === null || steps.allowed[0] === steps.next).toBe(true);
        }
  });
});
