import type { Services } from '../services';
import type { JobOf } from './messages';

/**
 * `issue-refund` belongs to the Cases area (`src/commands/issue-refund.ts`, which moves the money
 * with its idempotency key). Until that command lands this handler fails loudly, so the job retries
 * and ends visible in `job_failures` instead of being acked as if money had moved.
 */
export async function issueRefund(_s: Services, job: JobOf<'issue-refund'>): Promise<void> {
  throw new Error(`issue-refund for case ${job.caseId}: the refund command (src/commands/issue-refund.ts) is not installed yet`);
}
