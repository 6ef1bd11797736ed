import { describe, expect, it } from 'vitest';
import { caseEventTypes } from '../../cases/case-events';
import { merchantEventLabels } from '../../views/admin/event-labels';
import { caseEventMessages } from './case-events';

describe('the timeline’s event names in every admin language', () => {
  it('names every event type, in English exactly as the merchant labels say', () => {
    for (const type of caseEventTypes) {
      const key = `case.event.${type}` as keyof typeof caseEventMessages.en;
      expect(caseEventMessages.en[key], type).toBe(merchantEventLabels[type]);
      expect(caseEventMessages['zh-CN'][key], type).not.toBe(merchantEventLabels[type]);
    }
  });
});
