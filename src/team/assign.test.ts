import { describe, expect, it } from 'vitest';
import { type Candidate, drainQueue, escalationTier, pickAssignee, speaks, type Work } from './assign';

const zone = 'Europe/Berlin';
const now = Date.parse('2026-03-30T10:00:00Z'); // Monday 12:00 in Berlin

const member = (memberId: string, over: Partial<Candidate> = {}): Candidate => ({
  memberId,
  role: 'agent',
  status: 'available',
  active: true,
  languages: [],
  skills: [],
  capacity: 5,
  load: 0,
  lastAssignedAt: null,
  workingHours: null,
  ...over,
});

const work = (caseId: string, over: Partial<Work> = {}): Work => ({
  caseId,
  caseType: 'return',
  reasonCode: null,
  language: null,
  tier: 1,
  priority: 'normal',
  openedAt: now - 60_000,
  ...over,
});

const pick = (w: Work, ...candidates: Candidate[]) => pickAssignee(w, candidates, zone, now);

describe('pickAssignee: who is on duty', () => {
  it.each([
    ['away', { status: 'away' }],
    ['deactivated', { active: false }],
    ['at capacity', { load: 5 }],
    ['over capacity after an edit', { capacity: 2, load: 3 }],
    ['capacity 0', { capacity: 0 }],
    ['outside working hours', { workingHours: { days: [{ day: 1, start: '14:00', end: '18:00' }] } }],
  ] as const)('passes over a member %s', (_name, over) => {
    expect(pick(work('case_1'), member('mem_a', over as Partial<Candidate>))).toBeNull();
  });

  it('takes a member inside their working hours', () => {
    const hours = { days: [{ day: 1 as const, start: '09:00', end: '13:00' }] };
    expect(pick(work('case_1'), member('mem_a', { workingHours: hours }))).toBe('mem_a');
  });
});

describe('pickAssignee: skills and languages', () => {
  it.each([
    ['a generalist (no skills) takes any type', [], 'complaint', null, true],
    ['the case type is a skill', ['warranty'], 'warranty', null, true],
    ['the reason is a skill', ['defective'], 'return', 'defective', true],
    ['neither type nor reason', ['warranty'], 'return', 'too_small', false],
  ] as const)('%s', (_name, skills, caseType, reasonCode, fits) => {
    const w = work('case_1', { caseType, reasonCode });
    expect(pick(w, member('mem_a', { skills: [...skills] }))).toBe(fits ? 'mem_a' : null);
  });

  it.each([
    [[], 'zh-CN', true],
    [['en'], null, true],
    [['en', 'zh-CN'], 'zh-CN', true],
    [['de'], 'de-AT', true],
    [['en-US'], 'en', true],
    [['ZH-cn'], 'zh-CN', true],
    [['zh-CN'], 'zh-TW', false],
    [['en'], 'eng', false],
    [['en'], 'de', false],
  ] as const)('a member speaking %j serves %s: %s', (languages, language, fits) => {
    expect(speaks(languages, language)).toBe(fits);
  });

  it('passes over someone without the language for someone with it', () => {
    const w = work('case_1', { language: 'de' });
    expect(pick(w, member('mem_a', { languages: ['en'] }), member('mem_b', { languages: ['de'], load: 4 }))).toBe(
      'mem_b',
    );
  });
});

describe('pickAssignee: tiers', () => {
  const agent = member('mem_agent', { role: 'agent', load: 3 });
  const specialist = member('mem_spec', { role: 'specialist' });
  const manager = member('mem_mgr', { role: 'manager' });

  it("prefers the case's own tier even when a higher tier is less loaded", () => {
    expect(pick(work('case_1', { tier: 1 }), agent, specialist, manager)).toBe('mem_agent');
  });

  it('overflows to the nearest higher tier when nobody at the tier has room', () => {
    expect(pick(work('case_1', { tier: 1 }), { ...agent, load: 5 }, manager, specialist)).toBe('mem_spec');
  });

  it('never hands a higher-tier case down', () => {
    expect(pick(work('case_1', { tier: 2 }), member('mem_agent'))).toBeNull();
    expect(pick(work('case_1', { tier: 3 }), specialist, manager)).toBe('mem_mgr');
  });

  it('counts an owner as a manager', () => {
    expect(pick(work('case_1', { tier: 3 }), member('mem_owner', { role: 'owner' }))).toBe('mem_owner');
  });
});

describe('pickAssignee: the least loaded, then idle longest, then id', () => {
  it.each([
    ['fewest open cases', [member('mem_a', { load: 2 }), member('mem_b', { load: 1 })], 'mem_b'],
    [
      'equal load: idle longest',
      [member('mem_a', { lastAssignedAt: now - 10 }), member('mem_b', { lastAssignedAt: now - 20 })],
      'mem_b',
    ],
    ['never assigned before anyone', [member('mem_a', { lastAssignedAt: 1 }), member('mem_b')], 'mem_b'],
    ['all equal: member id', [member('mem_b'), member('mem_a')], 'mem_a'],
  ])('%s', (_name, candidates, expected) => {
    expect(pick(work('case_1'), ...candidates)).toBe(expected);
  });
});

describe('drainQueue', () => {
  it('takes urgent before older normal, then oldest first', () => {
    const queue = [
      work('case_old', { openedAt: 1 }),
      work('case_new', { openedAt: 3 }),
      work('case_urgent', { openedAt: 5, priority: 'urgent' }),
      work('case_mid', { openedAt: 2 }),
    ];
    const out = drainQueue(queue, [member('mem_a', { capacity: 3 })], zone, now);
    expect(out.map((a) => a.caseId)).toEqual(['case_urgent', 'case_old', 'case_mid']);
  });

  it('skips a case nobody fits and assigns the ones behind it', () => {
    const queue = [work('case_de', { openedAt: 1, language: 'de' }), work('case_en', { openedAt: 2, language: 'en' })];
    expect(drainQueue(queue, [member('mem_a', { languages: ['en'] })], zone, now)).toEqual([
      { caseId: 'case_en', memberId: 'mem_a' },
    ]);
  });

  it('deals equal members in turn and stops at capacity', () => {
    const queue = Array.from({ length: 7 }, (_, i) => work(`case_${i}`, { openedAt: i }));
    const team = [member('mem_a', { capacity: 2 }), member('mem_b', { capacity: 2 }), member('mem_c', { capacity: 2 })];
    const out = drainQueue(queue, team, zone, now);
    expect(out.map((a) => a.memberId)).toEqual(['mem_a', 'mem_b', 'mem_c', 'mem_a', 'mem_b', 'mem_c']);
    expect(team.every((m) => m.load === 0)).toBe(true); // the input is left as it was
  });

  it('counts an assignment made in this drain as the member’s latest', () => {
    const queue = [work('case_1', { openedAt: 1 }), work('case_2', { openedAt: 2 })];
    const team = [member('mem_a', { lastAssignedAt: 10 }), member('mem_b', { load: 1, lastAssignedAt: 20 })];
    expect(drainQueue(queue, team, zone, now).map((a) => a.memberId)).toEqual(['mem_a', 'mem_b']);
  });

  it('assigns nothing when nobody is on duty', () => {
    expect(drainQueue([work('case_1')], [member('mem_a', { status: 'away' })], zone, now)).toEqual([]);
  });
});

describe('escalationTier', () => {
  it.each([
    [1, 2],
    [2, 3],
    [3, 3],
  ] as const)('a breach at tier %i goes to tier %i', (from, to) => {
    expect(escalationTier(from)).toBe(to);
  });
});
