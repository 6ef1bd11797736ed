/**
 * `/admin/help/procedures`: the shop's procedures, edited by a manager. Saving runs the same checks
 * and store as `/api/admin/procedures`; a refused form comes back with its fields and the reasons.
 */
import { type Context, Hono } from 'hono';
import { procedureInputSchema } from '../help/procedure-input';
import {
  createProcedure,
  deleteProcedure,
  findProcedure,
  listProcedures,
  type ProcedureRow,
  updateProcedure,
} from '../help/procedure-store';
import { AppError } from '../http/errors';
import { type FormBody, readForm } from '../http/form-body';
import { locales } from '../i18n';
import { caseTypes } from '../cases/vocabulary';
import {
  NEW_STEP_ROWS,
  ProcedureEditPage,
  type ProcedureForm,
  ProceduresListPage,
} from '../views/admin/procedures-page';
import type { AdminEnv } from './auth/screen-auth';
import { errorText } from './error-text';
import { type FieldLabels, formIssuesText } from './form-issues';
import { renderAdmin } from './render';

export const procedureScreens = new Hono<AdminEnv>();

const labels: FieldLabels = {
  key: 'form.field.key',
  titles: 'form.field.names',
  caseTypes: 'help.proc.col.types',
  reasons: 'help.proc.col.reasons',
  steps: 'help.proc.steps',
};

const blank: ProcedureForm = { key: '', titles: {}, caseTypes: [], reasons: '', steps: [] };
/** The most step rows a form can carry: the input's limit plus the empty rows. */
const MAX_ROWS = 30 + NEW_STEP_ROWS;

function formOf(row: ProcedureRow): ProcedureForm {
  return {
    key: row.key,
    titles: row.titles,
    caseTypes: row.caseTypes,
    reasons: row.reasons.join(', '),
    steps: row.steps,
  };
}

const text = (body: FormBody, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');

function stepRowsFrom(body: FormBody): ProcedureForm['steps'] {
  const rows: ProcedureForm['steps'] = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    if (text(body, `step_${i}_remove`) !== '') continue;
    const id = text(body, `step_${i}_id`);
    const labels = Object.fromEntries(locales.map((l) => [l, text(body, `step_${i}_${l}`)]));
    if (!id && Object.values(labels).every((v) => v.trim() === '')) continue;
    rows.push({ id, labels });
  }
  return rows;
}

function formFromBody(body: FormBody): ProcedureForm {
  return {
    key: text(body, 'key').trim(),
    titles: Object.fromEntries(locales.map((l) => [l, text(body, `title_${l}`)])),
    caseTypes: caseTypes.filter((type) => text(body, `type_${type}`) !== ''),
    reasons: text(body, 'reasons'),
    steps: stepRowsFrom(body),
  };
}

function parseForm(form: ProcedureForm) {
  const reasons = form.reasons
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const steps = form.steps.map((s) => (s.id ? s : { labels: s.labels }));
  return procedureInputSchema.safeParse({ ...form, reasons, steps });
}

function editPage(c: Context<AdminEnv>, id: string | null, form: ProcedureForm, errors: string[], status: 200 | 400) {
  const page = (
    <ProcedureEditPage
      shop={c.get('shopDomain')}
      csrf={c.get('csrf')}
      id={id}
      form={form}
      errors={errors}
      notice={c.req.query('notice')}
    />
  );
  return renderAdmin(c, page, status);
}

procedureScreens.get('/help/procedures', async (c) => {
  const rows = await listProcedures(c.get('services'), c.get('shopId'));
  const page = (
    <ProceduresListPage
      shop={c.get('shopDomain')}
      csrf={c.get('csrf')}
      procedures={rows}
      notice={c.req.query('notice')}
    />
  );
  return renderAdmin(c, page);
});

procedureScreens.get('/help/procedures/new', (c) => editPage(c, null, blank, [], 200));

procedureScreens.get('/help/procedures/:id', async (c) => {
  const row = await findProcedure(c.get('services'), c.get('shopId'), c.req.param('id'));
  if (!row) throw new AppError('not_found', 'No such procedure.');
  return editPage(c, row.id, formOf(row), [], 200);
});

async function save(c: Context<AdminEnv>, id: string | null) {
  const s = c.get('services');
  const form = formFromBody(await readForm(c));
  if (id && !(await findProcedure(s, c.get('shopId'), id))) throw new AppError('not_found', 'No such procedure.');
  const parsed = parseForm(form);
  if (!parsed.success) {
    return editPage(c, id, form, formIssuesText(c.get('fmt'), parsed.error.issues, labels), 400);
  }
  try {
    const row = id
      ? await updateProcedure(s, c.get('shopId'), id, parsed.data, c.get('actor'))
      : await createProcedure(s, c.get('shopId'), parsed.data, c.get('actor'));
    return c.redirect(`/admin/help/procedures/${row!.id}?notice=saved`, 303);
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict')
      return editPage(c, id, form, [errorText(c.get('fmt'), err)], 400);
    throw err;
  }
}

procedureScreens.post('/help/procedures', (c) => save(c, null));
procedureScreens.post('/help/procedures/:id', (c) => save(c, c.req.param('id')));
procedureScreens.post('/help/procedures/:id/delete', async (c) => {
  if (!(await deleteProcedure(c.get('services'), c.get('shopId'), c.req.param('id'), c.get('actor'))))
    throw new AppError('not_found', 'No such procedure.');
  return c.redirect('/admin/help/procedures?notice=deleted', 303);
});
