/**
 * The clock as the merchant sees it: a sample of case details from the admin API must show SLA
 * deadlines. When the cases API has not landed, this says so and checks nothing.
 */
import { ADMIN_HEADERS } from '../../bench/scenarios';
import type { Check } from './checks';

/** Every value under a key that names a deadline (`…DueAt`, `deadlines`…), anywhere in the JSON. */
function deadlines(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const v of value) deadlines(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (/due(at)?$|deadline/i.test(k) && v !== null && v !== undefined) out.push(v);
      deadlines(v, out);
    }
  }
  return out;
}

function caseIds(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) caseIds(v, out);
  else if (value && typeof value === 'object') {
    const id = (value as { id?: unknown }).id;
    if (typeof id === 'string' && id.startsWith('case_')) out.add(id);
    for (const v of Object.values(value)) caseIds(v, out);
  }
  return out;
}

export async function caseDetailChecks(base: string, sample = 25): Promise<Check[]> {
  // Returns, the kind this run's returns/request webhooks open (the demo's email threads are inquiries).
  const list = await fetch(`${base}/api/admin/cases?type=return&limit=100`, { headers: ADMIN_HEADERS });
  const text = await list.text();
  if (list.status === 404 && text.includes('No route for')) {
    console.log('case details: skipped (route missing: GET /api/admin/cases)');
    return [];
  }
  if (!list.ok)
    return [
      {
        name: 'GET /api/admin/cases answers',
        expected: 200,
        actual: list.status,
        ok: false,
        detail: text.slice(0, 200),
      },
    ];
  const ids: string[] = [];
  let withDeadlines = 0;
  for (const id of caseIds(JSON.parse(text))) {
    if (ids.length === sample) break;
    const res = await fetch(`${base}/api/admin/cases/${id}`, { headers: ADMIN_HEADERS });
    const detail = res.ok ? ((await res.json()) as { case?: { source?: string } }) : null;
    // Only the cases this run's webhooks opened: the demo's own history is seeded, not opened live.
    if (res.ok && detail?.case?.source !== 'shopify') continue;
    ids.push(id);
    if (detail && deadlines(detail).length > 0) withDeadlines++;
  }
  return [
    { name: 'sampled case details from the admin API', expected: sample, actual: ids.length, ok: ids.length > 0 },
    {
      name: 'sampled case details that show SLA deadlines',
      expected: ids.length,
      actual: withDeadlines,
      ok: ids.length > 0 && withDeadlines === ids.length,
    },
  ];
}
