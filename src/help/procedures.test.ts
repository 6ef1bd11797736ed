import { describe, expect, it } from 'vitest';
import { caseTypes } from '../cases/vocabulary';
import { locales } from '../i18n';
import { procedureInputSchema, withStepIds } from './procedure-input';
import { labelIn, procedureFor, tickedSteps, tickNote, unticked } from './procedures';
import { starterProcedures } from './starter-procedures';

describe('procedures', () => {
  it('give a damaged return its specific steps first, then the steps of every return', () => {
    expect(procedureFor(starterProcedures, 'return', ['damaged']).map((s) => s.id)).toEqual([
      'damaged.photos',
      'damaged.check',
      'damaged.replace-first',
      'damaged.carrier',
      'return.window',
      'return.inspect',
    ]);
    expect(procedureFor(starterProcedures, 'return', ['too_small']).map((s) => s.id)).toEqual([
      'return.window',
      'return.inspect',
    ]);
    expect(procedureFor(starterProcedures, 'complaint', [])).toHaveLength(3);
    expect(procedureFor([], 'return', ['damaged'])).toEqual([]);
  });

  it('speak the reader’s language, falling back to English for a step written in one language only', () => {
    const [photos] = procedureFor(starterProcedures, 'return', ['damaged'], 'zh-CN');
    expect(photos).toEqual({ id: 'damaged.photos', label: '请顾客提供包裹和商品的照片', procedure: 'damaged' });
    expect(procedureFor(starterProcedures, 'warranty', [], 'de')[0]!.label).toBe(
      'Prüfen, ob das Kaufdatum in der Garantiezeit liegt',
    );
    expect(labelIn({ en: 'Only English' }, 'de')).toBe('Only English');
    expect(labelIn({ de: 'Nur Deutsch' }, 'zh-CN')).toBe('Nur Deutsch');
  });

  it('start every shop with a checklist for every case type, every step in every language', () => {
    for (const type of caseTypes) expect(procedureFor(starterProcedures, type, []).length).toBeGreaterThan(0);
    for (const p of starterProcedures) {
      expect(procedureInputSchema.safeParse(p).success, p.key).toBe(true);
      for (const locale of locales) expect(p.titles[locale], `${p.key} ${locale}`).toBeTruthy();
      for (const step of p.steps) for (const locale of locales) expect(step.labels[locale], step.id).toBeTruthy();
    }
    const ids = starterProcedures.flatMap((p) => p.steps.map((s) => s.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('read ticks back from the notes on the timeline, the first tick of a step counting', () => {
    const [photos] = procedureFor(starterProcedures, 'return', ['damaged']);
    const events = [
      { type: 'NoteAdded', reason: 'just a note', actor: 'agent:a', at: 1 },
      { type: 'NoteAdded', reason: tickNote(photos!), actor: 'agent:a', at: 2 },
      { type: 'NoteAdded', reason: tickNote(photos!), actor: 'agent:b', at: 3 },
      { type: 'ReturnApproved', reason: tickNote(photos!), actor: 'agent:c', at: 4 },
    ];
    const ticked = tickedSteps(events);
    expect([...ticked]).toEqual([['damaged.photos', { actor: 'agent:a', at: 2 }]]);
    const steps = procedureFor(starterProcedures, 'return', ['damaged']);
    expect(unticked(steps, ticked).map((s) => s.id)).not.toContain('damaged.photos');
    expect(unticked(steps, ticked)).toHaveLength(steps.length - 1);
  });

  it('check the input: step ids under the key, once each; new steps get the next free id', () => {
    const base = { key: 'gift', titles: { en: 'Gift' }, caseTypes: ['return'], reasons: [] };
    const twice = {
      ...base,
      steps: [
        { id: 'gift.a', labels: { en: 'A' } },
        { id: 'gift.a', labels: { en: 'B' } },
      ],
    };
    expect(procedureInputSchema.safeParse(twice).success).toBe(false);
    const foreign = { ...base, steps: [{ id: 'damaged.photos', labels: { en: 'A' } }] };
    expect(procedureInputSchema.safeParse(foreign).success).toBe(false);
    expect(procedureInputSchema.safeParse({ ...base, steps: [{ labels: { en: '  ' } }] }).success).toBe(false);
    expect(procedureInputSchema.safeParse({ ...base, caseTypes: ['refund'], steps: [] }).success).toBe(false);
    const parsed = procedureInputSchema.parse({
      ...base,
      steps: [{ labels: { en: 'Wrap it' } }, { id: 'gift.step-1', labels: { en: 'Card' } }, { labels: { de: 'X' } }],
    });
    expect(withStepIds(parsed).map((s) => s.id)).toEqual(['gift.step-2', 'gift.step-1', 'gift.step-3']);
  });
});
