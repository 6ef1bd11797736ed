/**
 * `/admin/help`: the help-center editor (list, new, edit with a server-rendered preview). Saving runs
 * the same checks and store as `/api/admin/articles`.
 */
import { renderAdmin } from './render';
import { type Context, Hono } from 'hono';
import { findShopById, shopPolicy } from '../db/shops';
import { articleBodyProblem } from '../help/article-body';
import { articleInputSchema } from '../help/article-input';
import { type ArticleRow, createArticle, findArticle, listArticles, updateArticle } from '../help/article-store';
import { articleHtml } from '../help/help-center';
import { policyVariables } from '../help/policy-variables';
import { AppError } from '../http/errors';
import { readForm } from '../http/form-body';
import { closestLocale } from '../i18n';
import type { Services } from '../services';
import { type ArticleForm, HelpEditPage, HelpListPage } from '../views/admin/help-editor-page';
import type { AdminEnv } from './auth/screen-auth';
import { errorText } from './error-text';
import { type FieldLabels, formIssuesText } from './form-issues';

export const helpScreens = new Hono<AdminEnv>();

const labels: FieldLabels = {
  slug: 'help.field.slug',
  locale: 'help.col.language',
  title: 'help.col.title',
  body: 'form.field.body',
  category: 'help.col.category',
  status: 'help.col.status',
  reasons: 'help.proc.col.reasons',
};

const blank: ArticleForm = { slug: '', locale: 'en', title: '', body: '', category: '', status: 'draft', reasons: '' };

function formOf(row: ArticleRow): ArticleForm {
  return { ...row, category: row.category ?? '', reasons: row.reasons.join(', ') };
}

function formFromBody(body: Record<string, unknown>): ArticleForm {
  const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  return { ...blank, ...Object.fromEntries(Object.keys(blank).map((k) => [k, text(k)])) } as ArticleForm;
}

async function preview(
  s: Services,
  shopId: string,
  form: ArticleForm,
): Promise<{ html: string; problem: string | null }> {
  const shop = await findShopById(s, shopId);
  if (!shop) throw new AppError('not_found', 'No such shop.');
  const helpShop = { id: shop.id, currency: shop.currency, policy: shopPolicy(shop) };
  const locale = closestLocale(form.locale);
  const problem = articleBodyProblem(form.body, policyVariables(helpShop.policy, { locale, currency: shop.currency }));
  return { html: articleHtml(helpShop, { body: form.body, locale }, locale), problem };
}

function parseForm(form: ArticleForm) {
  const reasons = form.reasons
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  return articleInputSchema.safeParse({ ...form, category: form.category.trim() || null, reasons });
}

helpScreens.get('/help', async (c) => {
  const articles = await listArticles(c.get('services'), c.get('shopId'));
  return renderAdmin(
    c,
    <HelpListPage shop={c.get('shopDomain')} csrf={c.get('csrf')} articles={articles} notice={c.req.query('notice')} />,
  );
});

async function editPage(
  c: Context<AdminEnv>,
  id: string | null,
  form: ArticleForm,
  errors: string[],
  published: boolean,
  status: 200 | 400 = 200,
) {
  const { html } = await preview(c.get('services'), c.get('shopId'), form);
  return renderAdmin(
    c,
    <HelpEditPage
      shop={c.get('shopDomain')}
      csrf={c.get('csrf')}
      id={id}
      form={form}
      preview={html}
      errors={errors}
      published={published}
      notice={c.req.query('notice')}
    />,
    status,
  );
}

helpScreens.get('/help/new', (c) => editPage(c, null, blank, [], false));

helpScreens.get('/help/:id', async (c) => {
  const row = await findArticle(c.get('services'), c.get('shopId'), c.req.param('id'));
  if (!row) throw new AppError('not_found', 'No such article.');
  return editPage(c, row.id, formOf(row), [], row.status === 'published');
});

async function save(c: Context<AdminEnv>, id: string | null) {
  const s = c.get('services');
  const body = await readForm(c);
  const form = formFromBody(body);
  if (id && !(await findArticle(s, c.get('shopId'), id))) throw new AppError('not_found', 'No such article.');
  const parsed = parseForm(form);
  const { problem } = await preview(s, c.get('shopId'), form);
  const fmt = c.get('fmt');
  const errors = [
    ...(parsed.success ? [] : formIssuesText(fmt, parsed.error.issues, labels)),
    ...(problem ? [fmt.t('form.issue.other', { field: fmt.t('form.field.body'), detail: problem })] : []),
  ];
  const intent = body.intent;
  if (intent !== 'save' || errors.length || !parsed.success)
    return editPage(c, id, form, errors, false, errors.length ? 400 : 200);
  try {
    const row = id
      ? await updateArticle(s, c.get('shopId'), id, parsed.data, c.get('actor'))
      : await createArticle(s, c.get('shopId'), parsed.data, c.get('actor'));
    return c.redirect(`/admin/help/${row!.id}?notice=saved`, 303);
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict')
      return editPage(c, id, form, [errorText(fmt, err)], false, 400);
    throw err;
  }
}

helpScreens.post('/help', (c) => save(c, null));
helpScreens.post('/help/:id', (c) => save(c, c.req.param('id')));
