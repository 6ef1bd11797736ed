/**
 * The cron's shift-start drain, through the real Dispatcher and D1: when a member's working hours
 * begin in the shop's zone, the waiting unassigned cases go to them, once per shift start however
 * many ticks (or concurrent ones) see it. The dispatcher checks duty against the real clock, so the
 * member's shift is laid to begin at the current minute, in Berlin.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock';
import { civilDay, instantToWall, isoWeekday } from '../../src/lib/zone-time';
import { createServices } from '../../src/services';
import { drainAtShiftStarts } from '../../src/team/shift-drain';
import type { Weekday } from '../../src/team/working-hours';
import { createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';

const ZONE = 'Europe/Berlin';
const MIN = 60_000;
const shiftStart = Math.floor(Date.now() / MIN) * MIN;
const tick = (at: number) => drainAtShiftStarts(createServices(env, { clock: fixedClock(at) }));

let shopId: string;
let memberId: string;
let number = 0;

async function waitingCase(): Promise<string> {
  const id = `case_shift_${++number}`;
  await env.DB.prepare(
    `INSERT INTO cases (id, shop_id, number, type, status, source, currency, created_at, updated_at)
     VALUES (?1, ?2, ?3, 'return', 'requested', 'portal', 'EUR', ?4, ?4)`,
  )
    .bind(id, shopId, number, shiftStart - 3 * 3_600_000 + number)
    .run();
  return id;
}

const assigneeOf = async (id: string) =>
  (await env.DB.prepare('SELECT assignee_id AS a FROM cases WHERE id = ?').bind(id).first<{ a: string | null }>())?.a;

beforeAll(async () => {
  shopId = (await createShop(env.DB, { domain: 'shift-drain.myshopify.com', timezone: ZONE })).id;
  const wall = instantToWall(ZONE, shiftStart);
  const day = civilDay(wall);
  const minute = Math.floor((wall - day * 86_400_000) / MIN);
  const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const workingHours = {
    days: [{ day: (isoWeekday(day) % 7) as Weekday, start: hhmm(minute), end: hhmm(minute + 120) }],
  };
  memberId = (await memberWithToken(shopId, 'agent', { name: 'Early Eve', capacity: 2, workingHours })).member.id;
});

describe('drain at shift start', () => {
  it('does nothing before the shift begins', async () => {
    const before = await waitingCase();
    expect(await tick(shiftStart - MIN)).toMatchObject({ shifts: 0, assigned: 0 });
    expect(await assigneeOf(before)).toBeNull();
  });

  it('assigns the waiting cases (oldest first, up to capacity) when it begins, once', async () => {
    const later = [await waitingCase(), await waitingCase()];
    const [a, b] = await Promise.all([tick(shiftStart + MIN), tick(shiftStart + MIN)]);
    expect(a.shifts + b.shifts).toBe(1);
    expect(a.assigned + b.assigned).toBe(2);
    expect(await assigneeOf('case_shift_1')).toBe(memberId);
    expect(await assigneeOf(later[0]!)).toBe(memberId);
    expect(await assigneeOf(later[1]!)).toBeNull(); // capacity 2
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM shift_drains WHERE shop_id = ?')
      .bind(shopId)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it('later ticks in the same shift do not drain again', async () => {
    await env.DB.prepare(`UPDATE members SET capacity = 5 WHERE id = ?`).bind(memberId).run();
    const another = await waitingCase();
    expect(await tick(shiftStart + 2 * MIN)).toEqual({ shifts: 0, assigned: 0, errors: 0 });
    expect(await tick(shiftStart + 30 * MIN)).toEqual({ shifts: 0, assigned: 0, errors: 0 });
    expect(await assigneeOf(another)).toBeNull();
  });
});
