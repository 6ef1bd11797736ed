/**
 * Every file in `templates/`, bundled as text: wrangler loads `*.liquid` as Text modules (the `[[rules]]`
 * in wrangler.toml) and vitest through the small `liquid-text` plugin in vitest.config.mts. One import per
 * file keeps the bundle explicit; `template-files.test.ts` fails when a kind or language is missing here.
 */
import caseReplyEn from '../../templates/case_reply.en.liquid';
import caseReplyZhCn from '../../templates/case_reply.zh-CN.liquid';
import caseReplyDe from '../../templates/case_reply.de.liquid';
import caseUpdateEn from '../../templates/case_update.en.liquid';
import caseUpdateZhCn from '../../templates/case_update.zh-CN.liquid';
import caseUpdateDe from '../../templates/case_update.de.liquid';
import dataExportEn from '../../templates/data_export.en.liquid';
import dataExportZhCn from '../../templates/data_export.zh-CN.liquid';
import dataExportDe from '../../templates/data_export.de.liquid';
import delayNoticeEn from '../../templates/delay_notice.en.liquid';
import delayNoticeZhCn from '../../templates/delay_notice.zh-CN.liquid';
import delayNoticeDe from '../../templates/delay_notice.de.liquid';
import dropOffInstructionsEn from '../../templates/drop_off_instructions.en.liquid';
import dropOffInstructionsZhCn from '../../templates/drop_off_instructions.zh-CN.liquid';
import dropOffInstructionsDe from '../../templates/drop_off_instructions.de.liquid';
import exchangeCreatedEn from '../../templates/exchange_created.en.liquid';
import exchangeCreatedZhCn from '../../templates/exchange_created.zh-CN.liquid';
import exchangeCreatedDe from '../../templates/exchange_created.de.liquid';
import infoRequestedEn from '../../templates/info_requested.en.liquid';
import infoRequestedZhCn from '../../templates/info_requested.zh-CN.liquid';
import infoRequestedDe from '../../templates/info_requested.de.liquid';
import pickupScheduledEn from '../../templates/pickup_scheduled.en.liquid';
import pickupScheduledZhCn from '../../templates/pickup_scheduled.zh-CN.liquid';
import pickupScheduledDe from '../../templates/pickup_scheduled.de.liquid';
import refundIssuedEn from '../../templates/refund_issued.en.liquid';
import refundIssuedZhCn from '../../templates/refund_issued.zh-CN.liquid';
import refundIssuedDe from '../../templates/refund_issued.de.liquid';
import returnApprovedEn from '../../templates/return_approved.en.liquid';
import returnApprovedZhCn from '../../templates/return_approved.zh-CN.liquid';
import returnApprovedDe from '../../templates/return_approved.de.liquid';
import returnConfirmationEn from '../../templates/return_confirmation.en.liquid';
import returnConfirmationZhCn from '../../templates/return_confirmation.zh-CN.liquid';
import returnConfirmationDe from '../../templates/return_confirmation.de.liquid';
import returnRejectedEn from '../../templates/return_rejected.en.liquid';
import returnRejectedZhCn from '../../templates/return_rejected.zh-CN.liquid';
import returnRejectedDe from '../../templates/return_rejected.de.liquid';
import signInLinkEn from '../../templates/sign_in_link.en.liquid';
import signInLinkZhCn from '../../templates/sign_in_link.zh-CN.liquid';
import signInLinkDe from '../../templates/sign_in_link.de.liquid';
import slaBreachEn from '../../templates/sla_breach.en.liquid';
import slaBreachZhCn from '../../templates/sla_breach.zh-CN.liquid';
import slaBreachDe from '../../templates/sla_breach.de.liquid';
import slaWarningEn from '../../templates/sla_warning.en.liquid';
import slaWarningZhCn from '../../templates/sla_warning.zh-CN.liquid';
import slaWarningDe from '../../templates/sla_warning.de.liquid';
import storeCreditIssuedEn from '../../templates/store_credit_issued.en.liquid';
import storeCreditIssuedZhCn from '../../templates/store_credit_issued.zh-CN.liquid';
import storeCreditIssuedDe from '../../templates/store_credit_issued.de.liquid';
import surveyEn from '../../templates/survey.en.liquid';
import surveyZhCn from '../../templates/survey.zh-CN.liquid';
import surveyDe from '../../templates/survey.de.liquid';
import earlyWarningEn from '../../templates/early_warning.en.liquid';
import earlyWarningZhCn from '../../templates/early_warning.zh-CN.liquid';
import earlyWarningDe from '../../templates/early_warning.de.liquid';
import weeklyReviewEn from '../../templates/weekly_review.en.liquid';
import weeklyReviewZhCn from '../../templates/weekly_review.zh-CN.liquid';
import weeklyReviewDe from '../../templates/weekly_review.de.liquid';

export const templateFiles: Record<string, string> = {
  'case_reply.en': caseReplyEn,
  'case_reply.zh-CN': caseReplyZhCn,
  'case_reply.de': caseReplyDe,
  'case_update.en': caseUpdateEn,
  'case_update.zh-CN': caseUpdateZhCn,
  'case_update.de': caseUpdateDe,
  'data_export.en': dataExportEn,
  'data_export.zh-CN': dataExportZhCn,
  'data_export.de': dataExportDe,
  'delay_notice.en': delayNoticeEn,
  'delay_notice.zh-CN': delayNoticeZhCn,
  'delay_notice.de': delayNoticeDe,
  'drop_off_instructions.en': dropOffInstructionsEn,
  'drop_off_instructions.zh-CN': dropOffInstructionsZhCn,
  'drop_off_instructions.de': dropOffInstructionsDe,
  'exchange_created.en': exchangeCreatedEn,
  'exchange_created.zh-CN': exchangeCreatedZhCn,
  'exchange_created.de': exchangeCreatedDe,
  'info_requested.en': infoRequestedEn,
  'info_requested.zh-CN': infoRequestedZhCn,
  'info_requested.de': infoRequestedDe,
  'pickup_scheduled.en': pickupScheduledEn,
  'pickup_scheduled.zh-CN': pickupScheduledZhCn,
  'pickup_scheduled.de': pickupScheduledDe,
  'refund_issued.en': refundIssuedEn,
  'refund_issued.zh-CN': refundIssuedZhCn,
  'refund_issued.de': refundIssuedDe,
  'return_approved.en': returnApprovedEn,
  'return_approved.zh-CN': returnApprovedZhCn,
  'return_approved.de': returnApprovedDe,
  'return_confirmation.en': returnConfirmationEn,
  'return_confirmation.zh-CN': returnConfirmationZhCn,
  'return_confirmation.de': returnConfirmationDe,
  'return_rejected.en': returnRejectedEn,
  'return_rejected.zh-CN': returnRejectedZhCn,
  'return_rejected.de': returnRejectedDe,
  'sign_in_link.en': signInLinkEn,
  'sign_in_link.zh-CN': signInLinkZhCn,
  'sign_in_link.de': signInLinkDe,
  'sla_breach.en': slaBreachEn,
  'sla_breach.zh-CN': slaBreachZhCn,
  'sla_breach.de': slaBreachDe,
  'sla_warning.en': slaWarningEn,
  'sla_warning.zh-CN': slaWarningZhCn,
  'sla_warning.de': slaWarningDe,
  'store_credit_issued.en': storeCreditIssuedEn,
  'store_credit_issued.zh-CN': storeCreditIssuedZhCn,
  'store_credit_issued.de': storeCreditIssuedDe,
  'survey.en': surveyEn,
  'survey.zh-CN': surveyZhCn,
  'survey.de': surveyDe,
  'early_warning.en': earlyWarningEn,
  'early_warning.zh-CN': earlyWarningZhCn,
  'early_warning.de': earlyWarningDe,
  'weekly_review.en': weeklyReviewEn,
  'weekly_review.zh-CN': weeklyReviewZhCn,
  'weekly_review.de': weeklyReviewDe,
};
