import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { caseStatuses, effectiveStatus, effectiveStatusSql } from '../cases/vocabulary';

describe('SQL generated from the case vocabulary', () => {
  it('effectiveStatusSql agrees with effectiveStatus for every status and resume status', async () => {
    const pairs = caseStatuses.flatMap((status) => [null, ...caseStatuses].map((resume) => ({ status, resume })));
    const rows = await env.DB.batch(
      pairs.map(({ status, resume }) =>
        env.DB.prepare(`SELECT ${effectiveStatusSql('c')} AS at FROM (SELECT ? AS status, ? AS resume_status) c`).bind(
          status,
          resume,
        ),
      ),
    );
    expect(rows.map((r) => (r.results[0] as { at: string }).at)).toEqual(
      pairs.map(({ status, resume }) => effectiveStatus(status, resume)),
    );
  });
});
