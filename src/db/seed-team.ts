/** The demo shop's team: one of each role, with different skills and languages (members sign in by link). */
import type { Role } from '../team/roles';
import * as s from './schema';
import { DEMO_SHOP_ID } from './demo-data';
import { insertOrIgnore, type Statement } from './seed';

const team: Array<{ key: string; name: string; role: Role; languages: string[]; skills: string[]; capacity: number }> =
  [
    { key: 'owner', name: 'Olivia Owner', role: 'owner', languages: ['en'], skills: [], capacity: 0 },
    {
      key: 'manager',
      name: 'Max Manager',
      role: 'manager',
      languages: ['en', 'de'],
      skills: ['complaint'],
      capacity: 5,
    },
    {
      key: 'specialist',
      name: 'Sofia Specialist',
      role: 'specialist',
      languages: ['en', 'de'],
      skills: ['warranty', 'complaint', 'damaged', 'defective'],
      capacity: 8,
    },
    {
      key: 'agent',
      name: 'Alex Agent',
      role: 'agent',
      languages: ['en'],
      skills: ['return', 'exchange'],
      capacity: 10,
    },
    { key: 'agent-zh', name: 'Li Wei', role: 'agent', languages: ['zh-CN', 'en'], skills: [], capacity: 10 },
  ];

export function demoMemberStatements(now: number): Statement[] {
  return team.map((m, i) =>
    insertOrIgnore(s.members, {
      id: `mem_DEMO${String(i + 1).padStart(22, '0')}`,
      shopId: DEMO_SHOP_ID,
      email: `${m.key}@demo-shop.example`,
      name: m.name,
      role: m.role,
      languages: m.languages,
      skills: m.skills,
      capacity: m.capacity,
      status: 'available',
      active: true,
      createdAt: now,
      updatedAt: now,
    }),
  );
}
