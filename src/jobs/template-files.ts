/**
 * Every file in `templates/`, bundled as text: wrangler loads `*.liquid` as Text modules (the `[[rules]]`
 * in wrangler.toml) and vitest through the small `liquid-text` plugin in vitest.config.mts. One import per
 * file keeps the bundle explicit; `template-files.test.ts` fails when a kind or language is missing here.
 */
import caseUpdateEn from '../../templates/case_update.en.liquid';
import caseUpdateZhCn from '../../templates/case_update.zh-CN.liquid';
import dataExportEn from '../../templates/data_export.en.liquid';
import dataExportZhCn from '../../templates/data_export.zh-CN.liquid';
import delayNoticeEn from '../../templates/delay_notice.en.liquid';
import delayNoticeZhCn from '../../templates/delay_notice.zh-CN.liquid';
import dropOffInstructionsEn from '../../templates/drop_off_instructions.en.liquid';
import dropOffInstructionsZhCn from '../../templates/drop_off_instructions.zh-CN.liquid';
import exchangeCreatedEn from '../../templates/exchange_created.en.liquid';
import exchangeCreatedZhCn from '../../templates/exchange_created.zh-CN.liquid';
import infoRequestedEn from '../../templates/info_requested.en.liquid';
import infoRequestedZhCn from '../../templates/info_requested.zh-CN.liquid';
import pickupScheduledEn from '../../templates/pickup_scheduled.en.liquid';
import pickupScheduledZhCn from '../../templates/pickup_scheduled.zh-CN.liquid';
import refundIssuedEn from '../../templates/refund_issued.en.liquid';
import refundIssuedZhCn from '../../templates/refund_issued.zh-CN.liquid';
import returnApprovedEn from '../../templates/return_approved.en.liquid';
import returnApprovedZhCn from '../../templates/return_approved.zh-CN.liquid';
import returnConfirmationEn from '../../templates/return_confirmation.en.liquid';
import returnConfirmationZhCn from '../../templates/return_confirmation.zh-CN.liquid';
import returnRejectedEn from '../../templates/return_rejected.en.liquid';
import returnRejectedZhCn from '../../templates/return_rejected.zh-CN.liquid';
import slaBreachEn from '../../templates/sla_breach.en.liquid';
import slaBreachZhCn from '../../templates/sla_breach.zh-CN.liquid';
import slaWarningEn from '../../templates/sla_warning.en.liquid';
import slaWarningZhCn from '../../templates/sla_warning.zh-CN.liquid';
import storeCreditIssuedEn from '../../templates/store_credit_issued.en.liquid';
import storeCreditIssuedZhCn from '../../templates/store_credit_issued.zh-CN.liquid';
import surveyEn from '../../templates/survey.en.liquid';
import surveyZhCn from '../../templates/survey.zh-CN.liquid';

export const templateFiles: Record<string, string> = {
  'case_update.en': caseUpdateEn,
  'case_update.zh-CN': caseUpdateZhCn,
  'data_export.en': dataExportEn,
  'data_export.zh-CN': dataExportZhCn,
  'delay_notice.en': delayNoticeEn,
  'delay_notice.zh-CN': delayNoticeZhCn,
  'drop_off_instructions.en': dropOffInstructionsEn,
  'drop_off_instructions.zh-CN': dropOffInstructionsZhCn,
  'exchange_created.en': exchangeCreatedEn,
  'exchange_created.zh-CN': exchangeCreatedZhCn,
  'info_requested.en': infoRequestedEn,
  'info_requested.zh-CN': infoRequestedZhCn,
  'pickup_scheduled.en': pickupScheduledEn,
  'pickup_scheduled.zh-CN': pickupScheduledZhCn,
  'refund_issued.en': refundIssuedEn,
  'refund_issued.zh-CN': refundIssuedZhCn,
  'return_approved.en': returnApprovedEn,
  'return_approved.zh-CN': returnApprovedZhCn,
  'return_confirmation.en': returnConfirmationEn,
  'return_confirmation.zh-CN': returnConfirmationZhCn,
  'return_rejected.en': returnRejectedEn,
  'return_rejected.zh-CN': returnRejectedZhCn,
  'sla_breach.en': slaBreachEn,
  'sla_breach.zh-CN': slaBreachZhCn,
  'sla_warning.en': slaWarningEn,
  'sla_warning.zh-CN': slaWarningZhCn,
  'store_credit_issued.en': storeCreditIssuedEn,
  'store_credit_issued.zh-CN': storeCreditIssuedZhCn,
  'survey.en': surveyEn,
  'survey.zh-CN': surveyZhCn,
};
