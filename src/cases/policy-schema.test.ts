import { describe, expect, it } from 'vitest';
import { defaultPolicy, policySchema } from './policy-schema';

describe('policy document', () => {
  it('accepts the default policy as it is', () => {
    expect(policySchema.safeParse(defaultPolicy()).success).toBe(true);
  });

  it('refuses business hours in a zone the runtime does not know (a clock could never fire)', () => {
    const policy = defaultPolicy();
    const withZone = (timezone: string) => ({
      ...policy,
      sla: { ...policy.sla, calendar: 'business', businessHours: { timezone, weekly: {}, holidays: [] } },
    });
    expect(policySchema.safeParse(withZone('Europe/Berlin')).success).toBe(true);
    const bad = policySchema.safeParse(withZone('Mars/Olympus_Mons'));
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('not an IANA time zone');
  });
});
