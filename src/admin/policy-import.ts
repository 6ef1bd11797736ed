/**
 * The JSON import for power users: the whole policy document, held to what `PUT /api/admin/policy`
 * accepts (the schema, unique reason codes, business hours for a business calendar) and one more
 * rule the editor keeps: at least one reason a shopper can choose.
 */
import { offeredReasons } from '../cases/policy';
import { type Policy, policySchema } from '../cases/policy-schema';
import type { PolicyError } from './policy-compile';

export type Imported = { ok: true; policy: Policy } | { ok: false; errors: PolicyError[] };

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; detail: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, detail: (e as Error).message };
  }
}

export function importPolicyJson(text: string): Imported {
  const json = parseJson(text);
  if (!json.ok)
    return { ok: false, errors: [{ field: 'json', key: 'policy.error.json', vars: { detail: json.detail } }] };
  const parsed = policySchema.safeParse(json.value);
  if (!parsed.success) {
    const errors = parsed.error.issues.map(
      (i): PolicyError => ({
        field: i.path.join('.') || 'json',
        key: 'policy.error.invalid',
        vars: { detail: i.message },
      }),
    );
    return { ok: false, errors };
  }
  const policy = parsed.data;
  const errors: PolicyError[] = [];
  const codes = policy.reasons.map((r) => r.code);
  if (new Set(codes).size !== codes.length) errors.push({ field: 'reasons', key: 'policy.error.duplicateCodes' });
  if (offeredReasons(policy).length === 0) errors.push({ field: 'reasons', key: 'policy.error.noReasons' });
  if (policy.sla.calendar === 'business' && !policy.sla.businessHours)
    errors.push({ field: 'sla.businessHours', key: 'policy.error.businessHours' });
  return errors.length ? { ok: false, errors } : { ok: true, policy };
}
