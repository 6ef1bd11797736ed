import { closestLocale } from '../i18n';
import { Hono, type Context } from 'hono';
import * as z from 'zod';
import type { AppBindings } from '../http/types';
import { fromAcceptLanguage } from '../i18n';
import { InvalidSurveyPage, SurveyPage, UnsubscribePage } from '../views/survey/survey-page';
import { answerSurvey, surveyForToken, unsubscribeFromSurveys, type SurveyRow } from './answers';
import { inScale, surveyScale, surveyText } from './kinds';

import { readForm } from '../http/form-body';

/**
 * `/survey/:token`: GET shows the page with the score the signed link carries preselected and one
 * button; only the POST (to the same token: the token is the authority, there is no cookie to forge
 * a request with) records the score and comment. Mail scanners open every link in an email: a GET
 * that recorded would answer every survey with the first link's score and open a complaint case.
 * `/survey/unsubscribe/:token` likewise (GET confirms, POST unsubscribes; the POST also serves RFC
 * 8058 one-click unsubscribe). Pages are server-rendered and work without JavaScript.
 */
export const surveyPages = new Hono<AppBindings>();

const token = z.string().min(10).max(600);
const answerForm = z.object({
  score: z.coerce.number().int().min(0).max(10).optional(),
  comment: z.string().max(2000).optional(),
});

/** The survey's own language; a link too broken to name its survey speaks the browser's best language we have. */
const langOf = (c: Context<AppBindings>, survey?: SurveyRow) =>
  closestLocale(survey?.locale ?? fromAcceptLanguage(c.req.header('accept-language')));
const noStore = (c: Context<AppBindings>) => {
  c.header('Cache-Control', 'no-store');
  c.header('X-Robots-Tag', 'noindex');
};

function invalid(c: Context<AppBindings>) {
  noStore(c);
  return c.html(<InvalidSurveyPage lang={langOf(c)} />, 404);
}

function page(
  c: Context<AppBindings>,
  survey: SurveyRow,
  r: {
    score: number | null;
    comment: string | null;
    followUp: boolean;
    commentSaved: boolean;
    /** The score to preselect when it differs from the recorded one (the link's, before it is sent). */
    selected?: number | null;
  },
) {
  const lang = langOf(c, survey);
  const text = surveyText(lang)[survey.kind];
  const { min, max } = surveyScale[survey.kind];
  noStore(c);
  return c.html(
    <SurveyPage
      lang={lang}
      shopName={survey.shop_name}
      question={text.question}
      lowLabel={text.low}
      highLabel={text.high}
      scores={Array.from({ length: max - min + 1 }, (_, i) => min + i)}
      score={r.score}
      selected={r.selected ?? r.score}
      comment={r.comment}
      commentSaved={r.commentSaved}
      followUp={r.followUp}
      action={c.req.path}
    />,
  );
}

surveyPages.get('/unsubscribe/:token', async (c) => {
  const t = token.safeParse(c.req.param('token'));
  const found = t.success ? await surveyForToken(c.get('services'), t.data, 'u') : null;
  if (!found) return invalid(c);
  noStore(c);
  return c.html(
    <UnsubscribePage
      lang={langOf(c, found.survey)}
      shopName={found.survey.shop_name}
      done={false}
      action={c.req.path}
    />,
  );
});

surveyPages.post('/unsubscribe/:token', async (c) => {
  const t = token.safeParse(c.req.param('token'));
  const found = t.success ? await surveyForToken(c.get('services'), t.data, 'u') : null;
  if (!found) return invalid(c);
  await unsubscribeFromSurveys(c.get('services'), found.survey);
  noStore(c);
  return c.html(
    <UnsubscribePage lang={langOf(c, found.survey)} shopName={found.survey.shop_name} done action={c.req.path} />,
  );
});

surveyPages.get('/:token', async (c) => {
  const t = token.safeParse(c.req.param('token'));
  const found = t.success ? await surveyForToken(c.get('services'), t.data, 'a') : null;
  if (!found) return invalid(c);
  const { claims, survey } = found;
  // Nothing is recorded here: the link's score is preselected, the shopper's button sends it.
  return page(c, survey, {
    score: survey.score,
    selected: claims.v !== undefined && inScale(survey.kind, claims.v) ? claims.v : survey.score,
    comment: survey.comment,
    followUp: survey.follow_up_case_id !== null,
    commentSaved: false,
  });
});

surveyPages.post('/:token', async (c) => {
  const t = token.safeParse(c.req.param('token'));
  const found = t.success ? await surveyForToken(c.get('services'), t.data, 'a') : null;
  if (!found) return invalid(c);
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data'))
    return invalid(c);
  const form = answerForm.safeParse(await readForm(c));
  if (!form.success)
    return page(c, found.survey, {
      score: found.survey.score,
      comment: found.survey.comment,
      followUp: false,
      commentSaved: false,
    });
  const result = await answerSurvey(c.get('services'), found.survey, {
    score: form.data.score,
    comment: form.data.comment ?? '',
  });
  return page(c, found.survey, {
    score: result.score,
    comment: form.data.comment ?? null,
    followUp: result.followUpCaseId !== null,
    commentSaved: Boolean(form.data.comment?.trim()),
  });
});
