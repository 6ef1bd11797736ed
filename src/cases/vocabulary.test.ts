import { describe, expect, it } from 'vitest';
import { sqlInList } from '../lib/sql-list';
import { caseEventTypes, shopperTimeline, visibleToShopper } from './case-events';
import {
  caseStatuses,
  effectiveStatus,
  isTerminalStatus,
  openStatuses,
  pickupBookStatuses,
  pickupWaitStatuses,
  terminalStatuses,
} from './vocabulary';

describe('the case vocabulary', () => {
  it('splits every status into open or terminal, never both', () => {
    expect([...openStatuses, ...terminalStatuses].sort()).toEqual([...caseStatuses].sort());
    expect(openStatuses.filter(isTerminalStatus)).toEqual([]);
    expect(terminalStatuses.every(isTerminalStatus)).toBe(true);
  });

  it('gives a pickup one fate per status: booked, waiting or (otherwise) cancelled; never in a terminal status', () => {
    const book: readonly string[] = pickupBookStatuses;
    const wait: readonly string[] = pickupWaitStatuses;
    expect(book.filter((s) => wait.includes(s))).toEqual([]);
    expect([...book, ...wait].filter(isTerminalStatus)).toEqual([]);
  });

  it('counts a case waiting on the customer as the status it resumes to (requested when unknown)', () => {
    expect(effectiveStatus('waiting_on_customer', 'approved')).toBe('approved');
    expect(effectiveStatus('waiting_on_customer', null)).toBe('requested');
    expect(effectiveStatus('received', null)).toBe('received');
  });

  it('writes a status set as an SQL IN list from the same constant, and refuses anything but plain words', () => {
    expect(sqlInList(terminalStatuses)).toBe("('resolved','closed','rejected')");
    expect(() => sqlInList(["x') OR 1=1 --"])).toThrow();
    expect(() => sqlInList([])).toThrow();
  });
});

describe('the case events', () => {
  it('are 51 distinct types, each with a shopper line', () => {
    expect(new Set(caseEventTypes).size).toBe(51);
    expect(Object.keys(shopperTimeline).sort()).toEqual([...caseEventTypes].sort());
  });

  it('keep notes, tags, the Shopify mirror, carrier trouble, label refunds and SLA from the shopper', () => {
    const visible = caseEventTypes.filter(visibleToShopper);
    expect(visible).not.toContain('NoteAdded');
    expect(visible).not.toContain('CaseTagged');
    expect(visible.filter((t) => t.startsWith('Shopify') || t.startsWith('Sla') || t.startsWith('Resolution'))).toEqual(
      [],
    );
    expect(visible.filter((t) => t.startsWith('Pickup'))).toEqual(['PickupScheduled', 'PickupCancelled']);
    expect(visible).toContain('ReturnApproved');
    expect(visible).toContain('RefundSucceeded');
  });
});
