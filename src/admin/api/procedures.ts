/**
 * `GET/POST /api/admin/procedures`, `GET/PUT/DELETE /api/admin/procedures/:id`: the shop's checklists
 * for each kind of case (src/help/procedures.ts). Step ids stay as sent, so ticks and skipped-step
 * counts follow a step through edits; a new step without an id gets the next free one.
 */
import { Hono } from 'hono';
import { procedureInputSchema } from '../../help/procedure-input';
import {
  createProcedure,
  deleteProcedure,
  findProcedure,
  listProcedures,
  type ProcedureRow,
  updateProcedure,
} from '../../help/procedure-store';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';
import { jsonBody, parseOr400 } from './validate';

export const proceduresApi = new Hono<AppBindings>();

export function procedureJson(row: ProcedureRow) {
  const { shopId: _shop, ...fields } = row;
  return fields;
}

const readProcedure = async (req: Parameters<typeof jsonBody>[0]) =>
  parseOr400(procedureInputSchema, await jsonBody(req), 'The procedure');

const notFound = () => new AppError('not_found', 'No such procedure.');

proceduresApi.get('/procedures', async (c) => {
  const rows = await listProcedures(c.get('services'), c.get('shopId'));
  return c.json({ procedures: rows.map(procedureJson) });
});

proceduresApi.post('/procedures', async (c) => {
  const input = await readProcedure(c.req);
  return c.json(procedureJson(await createProcedure(c.get('services'), c.get('shopId'), input, c.get('actor'))), 201);
});

proceduresApi.get('/procedures/:id', async (c) => {
  const row = await findProcedure(c.get('services'), c.get('shopId'), c.req.param('id'));
  if (!row) throw notFound();
  return c.json(procedureJson(row));
});

proceduresApi.put('/procedures/:id', async (c) => {
  const input = await readProcedure(c.req);
  const row = await updateProcedure(c.get('services'), c.get('shopId'), c.req.param('id'), input, c.get('actor'));
  if (!row) throw notFound();
  return c.json(procedureJson(row));
});

proceduresApi.delete('/procedures/:id', async (c) => {
  if (!(await deleteProcedure(c.get('services'), c.get('shopId'), c.req.param('id'), c.get('actor')))) throw notFound();
  return c.body(null, 204);
});
