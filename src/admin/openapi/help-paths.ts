/**
 * The help center's part of the OpenAPI document: articles, macros and procedures (admin), the
 * shopper's search and "did this answer your question?" (src/admin/api/{articles,macros,procedures}.ts,
 * src/portal/help-api.ts, src/portal/help-feedback-api.ts), from the schemas those routes validate with.
 */
import * as z from 'zod';
import { articleInputSchema } from '../../help/article-input';
import { macroInputSchema } from '../../help/macros';
import { procedureInputSchema } from '../../help/procedure-input';
import { helpFeedbackSchema } from '../../portal/help-feedback-api';
import { admin, errors, id, json, type PathFn } from './parts';

const stamps = { id: z.string(), createdAt: z.int(), updatedAt: z.int() };

const article = articleInputSchema
  .extend({ ...stamps, category: z.string().nullable(), reasons: z.array(z.string()) })
  .meta({ id: 'Article' });
const macro = z
  .object({
    ...stamps,
    name: z.string(),
    bodies: z.record(z.string(), z.string()),
    actions: z.object({ tags: z.array(z.string()).optional(), close: z.boolean().optional() }),
  })
  .meta({ id: 'Macro' });
const procedure = z
  .object({
    ...stamps,
    key: z.string(),
    titles: z.record(z.string(), z.string()),
    caseTypes: z.array(z.string()),
    reasons: z.array(z.string()),
    steps: z.array(z.object({ id: z.string(), labels: z.record(z.string(), z.string()) })),
  })
  .meta({ id: 'Procedure', description: 'A checklist for cases of these types (and, if given, these return reasons)' });

interface Resource {
  plural: string;
  singular: string;
  row: z.ZodType;
  input: z.ZodType;
  listQuery?: z.ZodObject;
  read: string;
}

const resources: Resource[] = [
  {
    plural: 'articles',
    singular: 'article',
    row: article,
    input: articleInputSchema.meta({ id: 'ArticleInput' }),
    listQuery: z.object({ locale: z.string().optional(), status: z.enum(['draft', 'published']).optional() }),
    read: 'Help articles (every language and status)',
  },
  {
    plural: 'macros',
    singular: 'macro',
    row: macro,
    input: macroInputSchema.meta({ id: 'MacroInput' }),
    read: 'Saved replies with Liquid variables and optional actions',
  },
  {
    plural: 'procedures',
    singular: 'procedure',
    row: procedure,
    input: procedureInputSchema.meta({ id: 'ProcedureInput' }),
    read: 'Checklists for each kind of case (a new shop starts with a set in en, zh-CN and de)',
  },
];

function registerResource(path: PathFn, r: Resource): void {
  const base = `/api/admin/${r.plural}`;
  const body = { required: true, content: { 'application/json': { schema: r.input } } };
  path('get', base, 'Help center', r.read, {
    security: admin,
    ...(r.listQuery ? { request: { query: r.listQuery } } : {}),
    responses: { 200: json(z.object({ [r.plural]: z.array(r.row) }), `The shop's ${r.plural}`), ...errors([401]) },
  });
  path('post', base, 'Help center', `Create a ${r.singular}`, {
    security: admin,
    request: { body },
    responses: { 201: json(r.row, `The ${r.singular}`), ...errors([400, 401, 403, 409, 415]) },
  });
  path('get', `${base}/{id}`, 'Help center', `One ${r.singular}`, {
    security: admin,
    request: { params: id(`${r.singular} id`) },
    responses: { 200: json(r.row, `The ${r.singular}`), ...errors([401, 404]) },
  });
  path('put', `${base}/{id}`, 'Help center', `Replace a ${r.singular}`, {
    security: admin,
    request: { params: id(`${r.singular} id`), body },
    responses: { 200: json(r.row, `The saved ${r.singular}`), ...errors([400, 401, 403, 404, 409, 415]) },
  });
  path('delete', `${base}/{id}`, 'Help center', `Delete a ${r.singular}`, {
    security: admin,
    request: { params: id(`${r.singular} id`) },
    responses: { 204: { description: 'Deleted' }, ...errors([401, 403, 404]) },
  });
}

export function registerHelpPaths(path: PathFn): void {
  for (const r of resources) registerResource(path, r);
  const shop = z.object({ shop: z.string().describe('shop domain, e.g. demo-shop.myshopify.com') });
  path('get', '/api/portal/{shop}/help', 'Shopper', 'Search the published help articles, best first', {
    request: {
      params: shop,
      query: z.object({
        q: z.string().max(200).optional().describe('words in any shipped language; two-character Chinese words too'),
        locale: z.string().optional().describe('en, zh-CN or de; default from Accept-Language'),
      }),
    },
    responses: {
      200: json(
        z.object({
          articles: z.array(
            z.object({
              slug: z.string(),
              title: z.string(),
              excerpt: z.string().describe('HTML: matches in <mark>, the rest escaped'),
              url: z.string(),
            }),
          ),
        }),
        'The matching articles',
      ),
      ...errors([404, 429]),
    },
  });
  path('post', '/api/portal/{shop}/help/{slug}/feedback', 'Shopper', '"Did this answer your question?"', {
    request: {
      params: shop.extend({ slug: z.string() }),
      body: { required: true, content: { 'application/json': { schema: helpFeedbackSchema } } },
    },
    responses: {
      204: { description: 'Recorded (once per visit and answer); a helpful answer counts as deflected' },
      ...errors([400, 404, 413, 429]),
    },
  });
}
