import { describe, expect, it } from 'vitest';
import { defaultPolicy, MAX_ALERT_EMAILS, policySchema } from './policy-schema';

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

  it('caps SLA alert emails at ten well-formed addresses', () => {
    const policy = defaultPolicy();
    const withAlerts = (alertEmails: string[]) =>
      policySchema.safeParse({
        ...policy,
        sla: { ...policy.sla, escalation: { ...policy.sla.escalation, alertEmails } },
      }).success;
    const team = Array.from({ length: MAX_ALERT_EMAILS }, (_, i) => `ops${i}@example.com`);
    expect(withAlerts(team)).toBe(true);
    expect(withAlerts([...team, 'one-more@example.com'])).toBe(false);
    expect(withAlerts(['not an address'])).toBe(false);
    expect(withAlerts(['a@example.com\r\nBcc: x@example.com'])).toBe(false);
    expect(withAlerts([`${'a'.repeat(250)}@example.com`])).toBe(false);
  });
});
