/**
 * `issue-refund` belongs to the Cases area: `runIssueRefundJob` pays out with the refund row's
 * idempotency key and records the outcome. Re-exported here so the handler table names one module.
 */
export { runIssueRefundJob as issueRefund } from '../commands/issue-refund';
