import { describe, expect, it } from 'vitest';
import { ruleMatches, type RuleFacts } from '../cases/conditions';
import { defaultPolicy, type Policy, policySchema } from '../cases/policy-schema';
import { codeFor, compileDraft, type PolicyError } from './policy-compile';
import { draftFromPolicy, readDraft } from './policy-draft';
import { applyEdit } from './policy-edits';

/** A policy using every field, operator and value shape the engine reads, plus a retired reason. */
const rich: Policy = policySchema.parse({
  ...defaultPolicy(),
  reasons: [
    ...defaultPolicy().reasons,
    { code: 'old_size_chart', label: { en: 'Old size chart', fr: 'Ancien guide' }, retired: true },
  ],
  autoApprove: [
    {
      name: 'Cheap and damaged',
      when: [
        { field: 'reason', op: 'in', value: ['damaged', 'defective'] },
        { field: 'orderValueMinor', op: 'lt', value: 10_000 },
        { field: 'itemValueMinor', op: 'lte', value: 2_550 },
        { field: 'customerReturns', op: 'gte', value: 0 },
      ],
      then: 'approve',
    },
    { name: 'No wholesale', when: [{ field: 'customerTag', op: 'neq', value: 'wholesale' }], then: 'review' },
    { name: 'Everything else', when: [], then: 'reject' },
  ],
  routing: [
    {
      name: 'Furniture',
      when: [
        { field: 'productType', op: 'in', value: ['Sofa', 'Chair'] },
        { field: 'resolution', op: 'eq', value: 'exchange' },
      ],
      tier: 2,
      priority: 'urgent',
      assignee: 'mem_01',
    },
  ],
});

/** The draft as the page would render it, posted back as the browser sends it. */
function posted(policy: Policy): Record<string, string | string[]> {
  const draft = draftFromPolicy(policy, 'USD');
  const f: Record<string, string | string[]> = {};
  draft.reasons.forEach((r, i) => {
    const row = `reason.${i}`;
    Object.assign(f, { [`${row}.code`]: r.code, [`${row}.saved`]: '1', [`${row}.shippingPaidBy`]: r.shippingPaidBy });
    Object.assign(f, { [`${row}.priority`]: r.priority, [`${row}.caseType`]: r.caseType });
    for (const [l, v] of Object.entries(r.label)) f[`${row}.label.${l}`] = v;
    if (r.photoRequired) f[`${row}.photoRequired`] = 'on';
    if (r.waiveFees) f[`${row}.waiveFees`] = 'on';
    if (r.retired) f[`${row}.retired`] = 'on';
  });
  for (const set of ['autoApprove', 'routing'] as const)
    draft[set].forEach((r, i) => {
      const row = `${set}.${i}`;
      Object.assign(f, { [`${row}.name`]: r.name, [`${row}.then`]: r.then, [`${row}.tier`]: r.tier });
      Object.assign(f, {
        [`${row}.priority`]: r.priority,
        [`${row}.assignee`]: r.assignee,
        [`${row}.newField`]: 'reason',
      });
      r.when.forEach((c, j) => {
        Object.assign(f, { [`${row}.when.${j}.field`]: c.field, [`${row}.when.${j}.op`]: c.op });
        f[`${row}.when.${j}.value`] = c.op === 'in' && c.field === 'reason' ? c.values : c.values.join(', ');
      });
    });
  return f;
}

describe('policy rows', () => {
  it('compile back to exactly the stored reasons and rule objects', () => {
    const errors: PolicyError[] = [];
    const rows = compileDraft(readDraft(posted(rich)), 'USD', errors);
    expect(errors).toEqual([]);
    expect(policySchema.parse({ ...rich, ...rows })).toEqual(rich);
  });

  it('compile to rules the engine evaluates the same way', () => {
    const rows = compileDraft(readDraft(posted(rich)), 'USD', []);
    const facts: RuleFacts = {
      reason: ['damaged'],
      orderValueMinor: 9_999,
      itemValueMinor: 2_550,
      customerTag: ['wholesale'],
      productType: ['Sofa'],
      resolution: 'exchange',
      customerReturns: 1,
    };
    const first = (rules: Array<{ name: string; when: Policy['autoApprove'][number]['when'] }>) =>
      rules.find((r) => ruleMatches(r.when, facts))?.name;
    expect(first(rows.autoApprove)).toBe('Cheap and damaged');
    expect(first(rows.autoApprove)).toBe(first(rich.autoApprove));
    expect(first(rows.routing)).toBe('Furniture');
    const dearer = { ...facts, orderValueMinor: 10_000 };
    expect(rows.autoApprove.find((r) => ruleMatches(r.when, dearer))?.name).toBe('Everything else');
  });

  it('name each bad value by its field, with a message key', () => {
    const f = posted(rich);
    Object.assign(f, {
      'autoApprove.0.when.1.value': '12,50',
      'autoApprove.0.when.3.value': 'many',
      'autoApprove.1.when.0.value': '',
      'autoApprove.2.name': '',
      'routing.0.tier': '7',
      'reason.8.code': 'Bad Code',
      'reason.8.label.en': 'Bad',
      'reason.8.shippingPaidBy': 'customer',
    });
    const errors: PolicyError[] = [];
    compileDraft(readDraft(f), 'USD', errors);
    expect(errors.map((e) => [e.field, e.key])).toEqual([
      ['reason.8.code', 'policy.error.code'],
      ['autoApprove.0.when.1.value', 'policy.error.oneValue'],
      ['autoApprove.0.when.3.value', 'policy.error.count'],
      ['autoApprove.1.when.0.value', 'policy.error.value'],
      ['autoApprove.2.name', 'policy.error.ruleName'],
      ['routing.0.tier', 'policy.error.choice'],
    ]);
  });

  it('give a new reason a code from its English label, never one another reason holds', () => {
    expect(codeFor('Box crushed!', new Set())).toBe('box_crushed');
    expect(codeFor('Damaged', new Set(['damaged', 'damaged_2']))).toBe('damaged_3');
    expect(codeFor('', new Set())).toBe('reason');
  });
});

describe('row buttons', () => {
  const draft = draftFromPolicy(rich, 'USD');

  it('move, retire and restore reasons; only a reason never saved can be removed', () => {
    const down = applyEdit(draft, 'reason.down.0')!;
    expect(down.reasons.slice(0, 2).map((r) => r.code)).toEqual(['too_large', 'too_small']);
    expect(applyEdit(draft, 'reason.up.0')!.reasons).toEqual(draft.reasons);
    expect(applyEdit(draft, 'reason.retire.2')!.reasons[2]!.retired).toBe(true);
    expect(applyEdit(draft, 'reason.restore.7')!.reasons[7]!.retired).toBe(false);
    expect(applyEdit(draft, 'reason.remove.0')!.reasons).toEqual(draft.reasons);
    const added = applyEdit(draft, 'reason.add')!;
    expect(added.reasons).toHaveLength(draft.reasons.length + 1);
    expect(applyEdit(added, `reason.remove.${draft.reasons.length}`)!.reasons).toEqual(draft.reasons);
  });

  it('add, reorder and remove rules and their conditions', () => {
    const withField = { ...draft, routing: [{ ...draft.routing[0]!, newField: 'orderValueMinor' }] };
    const added = applyEdit(withField, 'routing.when.add.0')!;
    expect(added.routing[0]!.when.at(-1)).toEqual({ field: 'orderValueMinor', op: 'gte', values: [] });
    expect(applyEdit(added, 'routing.when.remove.0.2')!.routing[0]!.when).toEqual(draft.routing[0]!.when);
    expect(applyEdit(draft, 'autoApprove.down.0')!.autoApprove.map((r) => r.name)).toEqual([
      'No wholesale',
      'Cheap and damaged',
      'Everything else',
    ]);
    expect(applyEdit(draft, 'autoApprove.remove.1')!.autoApprove.map((r) => r.name)).toEqual([
      'Cheap and damaged',
      'Everything else',
    ]);
    expect(applyEdit(draft, 'autoApprove.add')!.autoApprove).toHaveLength(4);
    expect(applyEdit(draft, 'save')).toBeNull();
    expect(applyEdit(draft, 'autoApprove.explode.1')).toBeNull();
  });
});
