/**
 * `GET/POST /api/admin/macros`, `GET/PUT/DELETE /api/admin/macros/:id`: saved replies with Liquid
 * variables and optional actions (src/help/macros.ts). A body with an unknown variable is a 400.
 */
import { Hono } from 'hono';
import { createMacro, deleteMacro, findMacro, listMacros, type MacroRow, updateMacro } from '../../help/macro-store';
import { macroInputSchema, macroProblem } from '../../help/macros';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';
import { jsonBody, parseOr400 } from './validate';

export const macrosApi = new Hono<AppBindings>();

function macroJson(row: MacroRow) {
  const { shopId: _shop, ...fields } = row;
  return fields;
}

async function readMacro(req: Parameters<typeof jsonBody>[0]) {
  const input = parseOr400(macroInputSchema, await jsonBody(req), 'The macro');
  const problem = macroProblem(input.bodies);
  if (problem) throw new AppError('validation_failed', 'The macro is not valid.', { extra: { errors: [problem] } });
  return input;
}

const notFound = () => new AppError('not_found', 'No such macro.');

macrosApi.get('/macros', async (c) => {
  const rows = await listMacros(c.get('services'), c.get('shopId'));
  return c.json({ macros: rows.map(macroJson) });
});

macrosApi.post('/macros', async (c) => {
  const input = await readMacro(c.req);
  return c.json(macroJson(await createMacro(c.get('services'), c.get('shopId'), input, c.get('actor'))), 201);
});

macrosApi.get('/macros/:id', async (c) => {
  const row = await findMacro(c.get('services'), c.get('shopId'), c.req.param('id'));
  if (!row) throw notFound();
  return c.json(macroJson(row));
});

macrosApi.put('/macros/:id', async (c) => {
  const input = await readMacro(c.req);
  const row = await updateMacro(c.get('services'), c.get('shopId'), c.req.param('id'), input, c.get('actor'));
  if (!row) throw notFound();
  return c.json(macroJson(row));
});

macrosApi.delete('/macros/:id', async (c) => {
  if (!(await deleteMacro(c.get('services'), c.get('shopId'), c.req.param('id'), c.get('actor')))) throw notFound();
  return c.body(null, 204);
});
