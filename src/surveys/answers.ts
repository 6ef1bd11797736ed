import type { Services } from '../services';
import { openFollowUpComplaint } from './follow-up';
import { inScale, isLowScore, type SurveyKind } from './kinds';
import { verifySurveyToken, type SurveyToken } from './token';
import { raiseOpenCasesAfterLowScore } from '../conversations/unhappy-customer';

export interface SurveyRow {
  id: string;
  shop_id: string;
  order_id: string | null;
  case_id: string | null;
  kind: SurveyKind;
  status: string;
  recipient: string | null;
  locale: string;
  score: number | null;
  comment: string | null;
  follow_up_case_id: string | null;
  shop_name: string;
}

/** The survey a token names, when the token is genuine and unexpired and the survey exists. */
export async function surveyForToken(
  s: Services,
  token: string,
  purpose: SurveyToken['p'],
): Promise<{ claims: SurveyToken; survey: SurveyRow } | null> {
  const claims = await verifySurveyToken(s.settings.APP_SECRET, token, s.clock.now());
  if (!claims || claims.p !== purpose) return null;
  const survey = await s
    .d1(claims.h)
    .prepare(
      `SELECT sv.id, sv.shop_id, sv.order_id, sv.case_id, sv.kind, sv.status, sv.recipient, sv.locale, sv.score, sv.comment, sv.follow_up_case_id, sp.name AS shop_name
       FROM surveys sv JOIN shops sp ON sp.id = sv.shop_id WHERE sv.shop_id = ? AND sv.id = ?`,
    )
    .bind(claims.h, claims.s)
    .first<SurveyRow>();
  return survey ? { claims, survey } : null;
}

/**
 * Records an answer: the score (answering again replaces it, the row stays one row), the comment
 * when given. A low score opens the follow-up complaint, once per survey.
 */
export async function answerSurvey(
  s: Services,
  survey: SurveyRow,
  answer: { score?: number | undefined; comment?: string | undefined },
): Promise<{ score: number | null; followUpCaseId: string | null }> {
  const now = s.clock.now();
  const score = answer.score !== undefined && inScale(survey.kind, answer.score) ? answer.score : survey.score;
  const comment = answer.comment !== undefined ? answer.comment.trim().slice(0, 2000) || null : survey.comment;
  if (score === null && comment === survey.comment) return { score, followUpCaseId: survey.follow_up_case_id };
  await s
    .d1(survey.shop_id)
    .prepare(
      `UPDATE surveys SET score = ?, comment = ?, status = CASE WHEN ? IS NULL THEN status ELSE 'answered' END,
         answered_at = COALESCE(answered_at, ?), updated_at = ? WHERE shop_id = ? AND id = ? AND status IN ('sent', 'answered')`,
    )
    .bind(score, comment, score, now, now, survey.shop_id, survey.id)
    .run();
  let followUpCaseId = survey.follow_up_case_id;
  if (score !== null && !followUpCaseId && isLowScore(survey.kind, score)) {
    followUpCaseId = await openFollowUpComplaint(s, {
      id: survey.id,
      shopId: survey.shop_id,
      orderId: survey.order_id,
      score,
      comment,
    });
  }
  if (score !== null && score !== survey.score)
    await raiseOpenCasesAfterLowScore(s, { ...survey, shopId: survey.shop_id, score, followUpCaseId });
  return { score, followUpCaseId };
}

/**
 * No more surveys for this address from this shop: recorded per recipient, the survey flagged, and
 * survey emails still waiting in the outbox cancelled. Idempotent.
 */
export async function unsubscribeFromSurveys(s: Services, survey: SurveyRow): Promise<void> {
  if (!survey.recipient) return;
  const d1 = s.d1(survey.shop_id);
  const now = s.clock.now();
  const recipient = survey.recipient.trim().toLowerCase();
  await d1.batch([
    d1
      .prepare(
        `INSERT OR IGNORE INTO unsubscribes (id, shop_id, recipient, scope, created_at) VALUES (?, ?, ?, 'surveys', ?)`,
      )
      .bind(s.newId('blk'), survey.shop_id, recipient, now),
    d1
      .prepare(`UPDATE surveys SET unsubscribed = 1, updated_at = ? WHERE shop_id = ? AND lower(recipient) = ?`)
      .bind(now, survey.shop_id, recipient),
    d1
      .prepare(
        `UPDATE surveys SET status = 'cancelled', updated_at = ? WHERE shop_id = ? AND lower(recipient) = ? AND status = 'scheduled'`,
      )
      .bind(now, survey.shop_id, recipient),
    d1
      .prepare(
        `UPDATE notifications SET status = 'cancelled', last_error = 'recipient unsubscribed from surveys', updated_at = ? WHERE shop_id = ? AND kind = 'survey' AND lower(recipient) = ? AND status = 'queued'`,
      )
      .bind(now, survey.shop_id, recipient),
  ]);
}
