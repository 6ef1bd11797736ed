/** Members and their credentials for tests, written through the team store. */
import { env } from 'cloudflare:workers';
import { createServices } from '../../src/services';
import { createMember, type MemberInput } from '../../src/team/members';
import { issueMemberToken } from '../../src/team/member-tokens';
import type { Role } from '../../src/team/roles';

export async function memberWithToken(shopId: string, role: Role, over: Partial<MemberInput> = {}) {
  const s = createServices(env);
  const member = await createMember(
    s,
    shopId,
    {
      email: `${role}-${crypto.randomUUID().slice(0, 8)}@example.com`,
      name: `${role} member`,
      role,
      capacity: 10,
      languages: [],
      skills: [],
      status: 'available',
      ...over,
    },
    'operator',
  );
  const { token } = await issueMemberToken(s, member, null, 'operator');
  return { member, token, auth: { authorization: `Bearer ${token}` } };
}
