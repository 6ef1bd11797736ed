import { describe, expect, it } from 'vitest';
import { procedureFor, tickedSteps, tickNote } from './procedures';

describe('procedures', () => {
  it('give a damaged return its specific steps first, then the steps of every return', () => {
    expect(procedureFor('return', ['damaged']).map((s) => s.id)).toEqual([
      'damaged.photos',
      'damaged.check',
      'damaged.replace-first',
      'damaged.carrier',
      'return.window',
      'return.inspect',
    ]);
    expect(procedureFor('return', ['too_small']).map((s) => s.id)).toEqual(['return.window', 'return.inspect']);
    expect(procedureFor('complaint', [])).toHaveLength(3);
    expect(procedureFor('inquiry', [])).toEqual([]);
  });

  it('read ticks back from the notes on the timeline, the first tick of a step counting', () => {
    const [photos] = procedureFor('return', ['damaged']);
    const events = [
      { type: 'NoteAdded', reason: 'just a note', actor: 'agent:a', at: 1 },
      { type: 'NoteAdded', reason: tickNote(photos!), actor: 'agent:a', at: 2 },
      { type: 'NoteAdded', reason: tickNote(photos!), actor: 'agent:b', at: 3 },
      { type: 'ReturnApproved', reason: tickNote(photos!), actor: 'agent:c', at: 4 },
    ];
    expect([...tickedSteps(events)]).toEqual([['damaged.photos', { actor: 'agent:a', at: 2 }]]);
  });
});
