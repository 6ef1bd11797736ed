/**
 * The shop's procedures (`/admin/help/procedures`): the list, and one procedure's form. Steps are rows
 * with their id kept in a hidden field, so editing the words or removing a step never renumbers the
 * others (ticks and skipped-step counts refer to the id). Plain forms, no JS.
 */
import { caseTypes } from '../../cases/vocabulary';
import { labelIn } from '../../help/procedures';
import { locales } from '../../i18n';
import type { AdminKey } from '../../i18n/admin';
import { languageName, noticeText } from './help-editor-page';
import { useAdmin } from './i18n';
import { AdminShell, Flash } from './shell';

export interface ProcedureListItem {
  id: string;
  key: string;
  titles: Record<string, string>;
  caseTypes: string[];
  reasons: string[];
  steps: unknown[];
}

/** The form as typed: one row per step (labels by language), plus empty rows to add steps. */
export interface ProcedureForm {
  key: string;
  titles: Record<string, string>;
  caseTypes: string[];
  reasons: string;
  steps: Array<{ id: string; labels: Record<string, string> }>;
}

export const NEW_STEP_ROWS = 3;

const caseTypeName = (t: ReturnType<typeof useAdmin>['t'], type: string) =>
  (caseTypes as readonly string[]).includes(type) ? t(`help.caseType.${type}` as AdminKey) : type;

export function ProceduresListPage(props: {
  shop: string;
  csrf: string;
  procedures: ProcedureListItem[];
  notice?: string | undefined;
}) {
  const { t, locale } = useAdmin();
  return (
    <AdminShell title={t('help.procedures')} path="/admin/help" shop={props.shop} csrf={props.csrf}>
      <p>
        <a href="/admin/help">{t('help.back')}</a>
      </p>
      <h1>{t('help.procedures')}</h1>
      <Flash ok={noticeText(t, props.notice)} />
      <p>{t('help.proc.intro')}</p>
      <p>
        <a href="/admin/help/procedures/new">{t('help.proc.new')}</a>
      </p>
      <table>
        <tr>
          <th>{t('help.proc.col.name')}</th>
          <th>{t('help.proc.col.types')}</th>
          <th>{t('help.proc.col.reasons')}</th>
          <th class="num">{t('help.proc.col.steps')}</th>
        </tr>
        {props.procedures.map((p) => (
          <tr data-procedure={p.key}>
            <td>
              <a href={`/admin/help/procedures/${p.id}`}>{labelIn(p.titles, locale) || p.key}</a>
            </td>
            <td>{p.caseTypes.map((type) => caseTypeName(t, type)).join(', ')}</td>
            <td>{p.reasons.length ? p.reasons.join(', ') : t('help.proc.allReasons')}</td>
            <td class="num">{p.steps.length}</td>
          </tr>
        ))}
      </table>
    </AdminShell>
  );
}

function StepRows({ steps }: { steps: ProcedureForm['steps'] }) {
  const { t } = useAdmin();
  const empty = (): ProcedureForm['steps'][number] => ({ id: '', labels: {} });
  const rows = [...steps, ...Array.from({ length: NEW_STEP_ROWS }, empty)];
  return (
    <fieldset>
      <legend>{t('help.proc.steps')}</legend>
      <p class="muted">{t('help.proc.newRows')}</p>
      <ol>
        {rows.map((step, i) => (
          <li data-step={step.id || undefined}>
            <input type="hidden" name={`step_${i}_id`} value={step.id} />
            {locales.map((l) => (
              <label>
                {t('help.proc.stepLabel', { n: i + 1, language: languageName(t, l) })}{' '}
                <input name={`step_${i}_${l}`} value={step.labels[l] ?? ''} size={60} lang={l} />
              </label>
            ))}
            {step.id ? (
              <label>
                <input type="checkbox" name={`step_${i}_remove`} value="1" /> {t('help.proc.stepRemove', { n: i + 1 })}
              </label>
            ) : null}
          </li>
        ))}
      </ol>
    </fieldset>
  );
}

function ProcedureFields({ form }: { form: ProcedureForm }) {
  const { t } = useAdmin();
  return (
    <>
      <label>
        {t('help.proc.field.key')} <input name="key" value={form.key} size={30} required />
      </label>
      {locales.map((l) => (
        <label>
          {t('help.proc.field.name', { language: languageName(t, l) })}{' '}
          <input name={`title_${l}`} value={form.titles[l] ?? ''} size={50} lang={l} />
        </label>
      ))}
      <fieldset>
        <legend>{t('help.proc.field.types')}</legend>
        {caseTypes.map((type) => (
          <label>
            <input type="checkbox" name={`type_${type}`} value="1" checked={form.caseTypes.includes(type)} />{' '}
            {caseTypeName(t, type)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('help.proc.field.reasons')} <input name="reasons" value={form.reasons} size={40} />
      </label>
      <StepRows steps={form.steps} />
    </>
  );
}

export interface ProcedureEditPageProps {
  shop: string;
  csrf: string;
  /** Null for a new procedure. */
  id: string | null;
  form: ProcedureForm;
  errors: string[];
  notice?: string | undefined;
}

export function ProcedureEditPage({ shop, csrf, id, form, errors, notice }: ProcedureEditPageProps) {
  const { t, locale } = useAdmin();
  const heading = labelIn(form.titles, locale) || t('help.proc.new');
  return (
    <AdminShell title={heading} path="/admin/help" shop={shop} csrf={csrf}>
      <p>
        <a href="/admin/help/procedures">{t('help.proc.back')}</a>
      </p>
      <h1>{heading}</h1>
      <Flash ok={noticeText(t, notice)} error={errors.length ? errors.join(' · ') : undefined} />
      <form method="post" action={id ? `/admin/help/procedures/${id}` : '/admin/help/procedures'} class="card">
        <input type="hidden" name="_csrf" value={csrf} />
        <ProcedureFields form={form} />
        <p>
          <button type="submit">{t('help.save')}</button>
        </p>
      </form>
      {id ? (
        <form method="post" action={`/admin/help/procedures/${id}/delete`}>
          <input type="hidden" name="_csrf" value={csrf} />
          <button type="submit" class="secondary">
            {t('help.proc.delete')}
          </button>
        </form>
      ) : null}
    </AdminShell>
  );
}
