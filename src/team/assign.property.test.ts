/**
 * The dispatcher under random traffic: arrivals, closures, members going away and coming back,
 * deactivations, capacity edits and time passing (working hours, a DST change). After every step
 * the queue is drained, as the Durable Object does, and the outcome is checked against an oracle
 * written here independently of assign.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Priority } from '../cases/policy-schema';
import { type Assignment, type Candidate, drainQueue, type Work } from './assign';
import type { Role } from './roles';
import { isWorking, type WorkingHours } from './working-hours';

const zone = 'Europe/Berlin';
const start = Date.parse('2026-03-27T06:00:00Z'); // a Friday; Berlin springs forward that Sunday
const MINUTE = 60_000;

const shifts: WorkingHours[] = [
  { days: [1, 2, 3, 4, 5].map((day) => ({ day: day as 1, start: '09:00', end: '17:00' })) },
  { days: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day: day as 0, start: '22:00', end: '06:00' })) },
  { days: [{ day: 0, start: '00:00', end: '24:00' }] },
];

const memberArb = fc.record({
  role: fc.constantFrom<Role>('agent', 'agent', 'specialist', 'manager', 'owner'),
  languages: fc.subarray(['en', 'de', 'zh-CN']),
  skills: fc.oneof(fc.constant([]), fc.subarray(['return', 'warranty', 'complaint', 'inquiry', 'defective'])),
  capacity: fc.integer({ min: 0, max: 4 }),
  away: fc.boolean(),
  workingHours: fc.oneof(fc.constant(null), fc.constant(null), fc.constantFrom(...shifts)),
});

const arrivalArb = fc.record({
  caseType: fc.constantFrom('return', 'warranty', 'complaint', 'inquiry'),
  reasonCode: fc.constantFrom(null, 'defective', 'too_small'),
  language: fc.constantFrom(null, 'en', 'de', 'zh-CN'),
  tier: fc.constantFrom(1, 1, 2, 3) as fc.Arbitrary<1 | 2 | 3>,
  priority: fc.constantFrom<Priority>('low', 'normal', 'normal', 'high', 'urgent'),
  backdatedMinutes: fc.integer({ min: 0, max: 120 }),
});

const stepArb = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('arrive' as const), work: arrivalArb }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('close' as const), pick: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('toggleAway' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('toggleActive' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('setCapacity' as const), pick: fc.nat(), to: fc.nat(4) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.nat(600) }), weight: 2 },
);
type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;
type MemberSpec = typeof memberArb extends fc.Arbitrary<infer M> ? M : never;

type Member = Omit<Candidate, 'load'>;
interface World {
  now: number;
  members: Member[];
  open: Map<string, { work: Work; assignee: string | null }>;
  nextCase: number;
}

const oracleTier: Record<Role, number> = { agent: 1, specialist: 2, manager: 3, owner: 3 };

/** Everything but room: on duty, skill, language (exact tags here), tier. */
function fitsOracle(m: Member, w: Work, now: number): boolean {
  const onDuty = m.active && m.status === 'available' && isWorking(m.workingHours, zone, now);
  const skilled = m.skills.length === 0 || m.skills.includes(w.caseType) || m.skills.includes(w.reasonCode ?? '');
  const speaks = !w.language || m.languages.length === 0 || m.languages.includes(w.language);
  return onDuty && skilled && speaks && oracleTier[m.role] >= w.tier;
}

const urgency: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** Queue order: more urgent first, then opened earlier. */
const comesBefore = (a: Work, b: Work) =>
  urgency[a.priority] > urgency[b.priority] || (a.priority === b.priority && a.openedAt < b.openedAt);

/** Open cases per member, counted from the cases themselves. */
function loadsOf(world: World): Map<string, number> {
  const loads = new Map(world.members.map((m) => [m.memberId, 0]));
  for (const { assignee } of world.open.values()) if (assignee) loads.set(assignee, loads.get(assignee)! + 1);
  return loads;
}

function apply(world: World, step: Step): void {
  const member = 'pick' in step ? world.members[step.pick % world.members.length]! : undefined;
  const open = [...world.open.keys()];
  if (step.kind === 'arrive') {
    const { backdatedMinutes, ...rest } = step.work;
    const caseId = `case_${String(world.nextCase++).padStart(4, '0')}`;
    world.open.set(caseId, {
      work: { ...rest, caseId, openedAt: world.now - backdatedMinutes * MINUTE },
      assignee: null,
    });
  } else if (step.kind === 'close' && open.length > 0) world.open.delete(open[step.pick % open.length]!);
  else if (step.kind === 'toggleAway') member!.status = member!.status === 'away' ? 'available' : 'away';
  else if (step.kind === 'toggleActive') member!.active = !member!.active;
  else if (step.kind === 'setCapacity') member!.capacity = step.to;
  else if (step.kind === 'wait') world.now += step.minutes * MINUTE;
}

function drain(world: World): Assignment[] {
  const loads = loadsOf(world);
  const candidates = world.members.map((m) => ({ ...m, load: loads.get(m.memberId)! }));
  const queue = [...world.open.values()].filter((c) => !c.assignee).map((c) => c.work);
  const out = drainQueue(queue, candidates, zone, world.now);
  for (const a of out) {
    const entry = world.open.get(a.caseId)!;
    if (entry.assignee) throw new Error(`${a.caseId} assigned twice`);
    entry.assignee = a.memberId;
    world.members.find((m) => m.memberId === a.memberId)!.lastAssignedAt = world.now;
  }
  return out;
}

/** What went wrong in one drain, as sentences; empty when all is well. */
function violations(world: World, out: Assignment[], loadsBefore: Map<string, number>): string[] {
  const found: string[] = [];
  const byId = new Map(world.members.map((m) => [m.memberId, m]));
  const loads = loadsOf(world);
  for (const a of out) {
    if (!fitsOracle(byId.get(a.memberId)!, world.open.get(a.caseId)!.work, world.now))
      found.push(`${a.caseId} went to ${a.memberId}, who does not fit it`);
  }
  for (const m of world.members) {
    const load = loads.get(m.memberId)!;
    if (load > loadsBefore.get(m.memberId)! && load > m.capacity)
      found.push(`${m.memberId} was given work up to ${load} of ${m.capacity}`);
  }
  const withRoom = world.members.filter((m) => loads.get(m.memberId)! < m.capacity);
  const waiting = [...world.open.values()].filter((c) => !c.assignee).map((c) => c.work);
  for (const w of waiting) {
    for (const m of withRoom) if (fitsOracle(m, w, world.now)) found.push(`${w.caseId} waits while ${m.memberId} fits`);
    for (const a of out) {
      const taken = world.open.get(a.caseId)!.work;
      if (comesBefore(w, taken) && fitsOracle(byId.get(a.memberId)!, w, world.now))
        found.push(`${a.caseId} went to ${a.memberId} ahead of ${w.caseId}`);
    }
  }
  return found;
}

const newWorld = (members: MemberSpec[]): World => ({
  now: start,
  members: members.map(({ away, ...m }, i) => ({
    ...m,
    memberId: `mem_${i}`,
    status: away ? 'away' : 'available',
    active: true,
    lastAssignedAt: null,
  })),
  open: new Map(),
  nextCase: 0,
});

describe('assignment under random arrivals, closures, status and capacity changes', () => {
  it('never passes capacity, leaves nothing waiting that someone could take, and goes in queue order', () => {
    const scenario = fc.record({
      members: fc.array(memberArb, { minLength: 1, maxLength: 6 }),
      steps: fc.array(stepArb, { minLength: 10, maxLength: 80, size: 'max' }),
    });
    fc.assert(
      fc.property(scenario, ({ members, steps }) => {
        const world = newWorld(members);
        for (const step of steps) {
          apply(world, step);
          const loadsBefore = loadsOf(world);
          expect(violations(world, drain(world), loadsBefore)).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('assignment spreads load evenly among equal members', () => {
  const generalist: MemberSpec = {
    role: 'agent',
    languages: [],
    skills: [],
    capacity: 0,
    away: false,
    workingHours: null,
  };
  const scenario = fc.record({
    n: fc.integer({ min: 1, max: 20 }),
    capacity: fc.integer({ min: 1, max: 60 }),
    cases: fc.array(arrivalArb, { maxLength: 200, size: 'max' }),
  });
  type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

  /** Largest max − min of the members' loads seen while the cases arrive. */
  function worstSpread({ n, capacity, cases }: Scenario, oneByOne: boolean) {
    const world = newWorld(Array.from({ length: n }, () => ({ ...generalist, capacity })));
    let worst = 0;
    for (const [i, c] of cases.entries()) {
      apply(world, { kind: 'arrive', work: { ...c, tier: 1, language: null } });
      if (!oneByOne && i < cases.length - 1) continue;
      drain(world);
      const loads = [...loadsOf(world).values()];
      worst = Math.max(worst, Math.max(...loads) - Math.min(...loads));
    }
    return worst;
  }

  it.each([
    ['drained at once', false],
    ['arriving one by one', true],
  ])('max − min ≤ 1 when M cases are %s among N members', (_name, oneByOne) => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(worstSpread(s, oneByOne)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
