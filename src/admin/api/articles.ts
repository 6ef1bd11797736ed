/**
 * `GET/POST /api/admin/articles`, `GET/PUT/DELETE /api/admin/articles/:id` (CONTRACT.md "Help
 * center"): the shop's help articles. A body may quote the policy through Liquid; one that names a
 * variable the policy does not have, or does not parse, is refused with 400 at save.
 */
import { Hono } from 'hono';
import { findShopById, shopPolicy } from '../../db/shops';
import { articleBodyProblem } from '../../help/article-body';
import { type ArticleInput, articleInputSchema } from '../../help/article-input';
import {
  type ArticleRow,
  createArticle,
  deleteArticle,
  findArticle,
  listArticles,
  updateArticle,
} from '../../help/article-store';
import { policyVariables } from '../../help/policy-variables';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';
import type { Services } from '../../services';
import { jsonBody, parseOr400 } from './validate';

export const articlesApi = new Hono<AppBindings>();

function articleJson(row: ArticleRow) {
  const { shopId: _shop, ...fields } = row;
  return fields;
}

async function checkBody(s: Services, shopId: string, input: ArticleInput): Promise<void> {
  const shop = await findShopById(s, shopId);
  if (!shop) throw new AppError('not_found', 'No such shop.');
  const variables = policyVariables(shopPolicy(shop), { locale: input.locale, currency: shop.currency });
  const problem = articleBodyProblem(input.body, variables);
  if (problem) {
    throw new AppError('validation_failed', 'The article body is not valid.', {
      extra: { errors: [{ path: 'body', message: problem }] },
    });
  }
}

async function readInput(c: { req: Parameters<typeof jsonBody>[0] }, s: Services, shopId: string) {
  const input = parseOr400(articleInputSchema, await jsonBody(c.req), 'The article');
  await checkBody(s, shopId, input);
  return input;
}

const notFound = () => new AppError('not_found', 'No such article.');

articlesApi.get('/articles', async (c) => {
  const rows = await listArticles(c.get('services'), c.get('shopId'));
  const { locale, status } = c.req.query();
  const shown = rows.filter((r) => (!locale || r.locale === locale) && (!status || r.status === status));
  return c.json({ articles: shown.map(articleJson) });
});

articlesApi.post('/articles', async (c) => {
  const s = c.get('services');
  const input = await readInput(c, s, c.get('shopId'));
  return c.json(articleJson(await createArticle(s, c.get('shopId'), input, c.get('actor'))), 201);
});

articlesApi.get('/articles/:id', async (c) => {
  const row = await findArticle(c.get('services'), c.get('shopId'), c.req.param('id'));
  if (!row) throw notFound();
  return c.json(articleJson(row));
});

articlesApi.put('/articles/:id', async (c) => {
  const s = c.get('services');
  const input = await readInput(c, s, c.get('shopId'));
  const row = await updateArticle(s, c.get('shopId'), c.req.param('id'), input, c.get('actor'));
  if (!row) throw notFound();
  return c.json(articleJson(row));
});

articlesApi.delete('/articles/:id', async (c) => {
  if (!(await deleteArticle(c.get('services'), c.get('shopId'), c.req.param('id'), c.get('actor')))) throw notFound();
  return c.body(null, 204);
});
