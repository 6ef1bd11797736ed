import { describe, expect, it } from 'vitest';
import { changedFields, MAX_CHANGED_FIELDS } from './changed-fields';

describe('changedFields: the compact before/after of a settings change', () => {
  it('keeps only the leaves that differ, by dotted path; arrays compare whole', () => {
    const before = { window: 30, sla: { targets: { urgent: { first: 60 } } }, tags: ['a'], same: 1 };
    const after = { window: 45, sla: { targets: { urgent: { first: 30 } } }, tags: ['a', 'b'], same: 1 };
    expect(changedFields(before, after)).toEqual({
      changes: {
        window: { from: 30, to: 45 },
        'sla.targets.urgent.first': { from: 60, to: 30 },
        tags: { from: ['a'], to: ['a', 'b'] },
      },
    });
  });

  it('says a field that appeared or went away as null on the missing side', () => {
    expect(changedFields({ a: 1 }, { b: 2 }).changes).toEqual({ a: { from: 1, to: null }, b: { from: null, to: 2 } });
  });

  it('never keeps a secret, token or password, however deep', () => {
    const c = changedFields(
      { webhookSigningSecret: 'whsec_1', nested: { apiToken: 't1', password: 'p1' } },
      { webhookSigningSecret: 'whsec_2', nested: { apiToken: 't2', password: 'p2' } },
    );
    expect(c).toEqual({ changes: {} });
  });

  it('cuts long values and keeps at most MAX_CHANGED_FIELDS fields, counting the rest', () => {
    const long = changedFields({ body: '' }, { body: 'x'.repeat(1000) }).changes['body']!.to as string;
    expect(long.length).toBeLessThanOrEqual(160);
    expect(long.endsWith('…')).toBe(true);
    const many = Object.fromEntries(Array.from({ length: MAX_CHANGED_FIELDS + 5 }, (_, i) => [`f${i}`, i]));
    const c = changedFields({}, many);
    expect(Object.keys(c.changes)).toHaveLength(MAX_CHANGED_FIELDS);
    expect(c.more).toBe(5);
  });
});
