import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { pickupFit, pickupWaitsSql } from './decide';

const statuses = ['requested', 'approved', 'awaiting_shipment', 'waiting_on_customer', 'closed', 'in_transit'];
const resumes = [null, 'requested', 'approved', 'awaiting_shipment'];

describe('pickupWaitsSql', () => {
  it('answers in SQL exactly what pickupFit answers for every status and resume status', async () => {
    for (const status of statuses)
      for (const resumeStatus of resumes) {
        const waits = await env.DB.prepare(
          `SELECT ${pickupWaitsSql()} AS w FROM (SELECT ? AS status, ? AS resume_status) c`,
        )
          .bind(status, resumeStatus)
          .first<number>('w');
        expect([status, resumeStatus, waits === 1]).toEqual([
          status,
          resumeStatus,
          pickupFit(status, resumeStatus) === 'wait',
        ]);
      }
  });
});
