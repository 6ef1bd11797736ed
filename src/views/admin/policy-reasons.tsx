/** The return reasons as rows: a label per language and the reason's rules; add, reorder, retire. */
import type { ReasonDraft } from '../../admin/policy-draft';
import { locales } from '../../i18n/locales';
import { useAdmin } from './i18n';
import { Check, fieldId, Problem, type Problems, RowButton, Select, TextField } from './policy-fields';
import { caseTypes, priorities } from './policy-format';

function reasonTitle(r: ReasonDraft, locale: string): string {
  return r.label[locale] || r.label.en || Object.values(r.label).find(Boolean) || r.code;
}

function ReasonLabels(props: { r: ReasonDraft; row: string; problems: Problems }) {
  const { t } = useAdmin();
  const { r, row } = props;
  const hidden = Object.entries(r.label).filter(([l]) => !(locales as readonly string[]).includes(l));
  return (
    <div class="grid">
      {locales.map((l) => (
        <TextField
          name={`${row}.label.${l}`}
          label={t('policy.reason.labelIn', { language: t(`policy.lang.${l}`) })}
          value={r.label[l] ?? ''}
          size={24}
          problems={props.problems}
        />
      ))}
      {hidden.map(([l, v]) => (
        <input type="hidden" name={`${row}.label.${l}`} value={v} />
      ))}
    </div>
  );
}

function ReasonCode(props: { r: ReasonDraft; row: string; problems: Problems }) {
  const { t } = useAdmin();
  const { r, row } = props;
  if (!r.saved)
    return (
      <TextField
        name={`${row}.code`}
        label={t('policy.reason.code')}
        value={r.code}
        size={20}
        problems={props.problems}
      />
    );
  return (
    <p class="muted">
      {t('policy.reason.codeFixed')} <code>{r.code}</code>
      <input type="hidden" name={`${row}.code`} value={r.code} />
      <input type="hidden" name={`${row}.saved`} value="1" />
      <Problem name={`${row}.code`} problems={props.problems} />
    </p>
  );
}

function ReasonRules(props: { r: ReasonDraft; row: string; problems: Problems }) {
  const { t } = useAdmin();
  const { r, row, problems } = props;
  const none = t('policy.reason.unchanged');
  return (
    <div class="grid">
      <Check name={`${row}.photoRequired`} label={t('policy.reason.photoRequired')} checked={r.photoRequired} />
      <Check name={`${row}.waiveFees`} label={t('policy.reason.waiveFees')} checked={r.waiveFees} />
      <Select
        name={`${row}.shippingPaidBy`}
        label={t('policy.reason.shippingPaidBy')}
        value={r.shippingPaidBy}
        options={[
          ['customer', t('policy.reason.paidByCustomer')],
          ['merchant', t('policy.reason.paidByMerchant')],
        ]}
        problems={problems}
      />
      <Select
        name={`${row}.priority`}
        label={t('policy.reason.priority')}
        value={r.priority}
        options={[['', none], ...priorities.map((p) => [p, t(`policy.priority.${p}`)] as const)]}
        problems={problems}
      />
      <Select
        name={`${row}.caseType`}
        label={t('policy.reason.caseType')}
        value={r.caseType}
        options={[
          ['', t('policy.reason.caseTypeDefault')],
          ...caseTypes.map((c) => [c, t(`policy.caseType.${c}`)] as const),
        ]}
        problems={problems}
      />
    </div>
  );
}

function ReasonButtons(props: { r: ReasonDraft; i: number; count: number }) {
  const { t } = useAdmin();
  const { r, i } = props;
  return (
    <p class="row-buttons">
      {i > 0 ? <RowButton intent={`reason.up.${i}`} label={t('policy.row.up')} anchor={`f-reason-${i - 1}`} /> : null}
      {i < props.count - 1 ? (
        <RowButton intent={`reason.down.${i}`} label={t('policy.row.down')} anchor={`f-reason-${i + 1}`} />
      ) : null}
      {!r.saved ? (
        <RowButton intent={`reason.remove.${i}`} label={t('policy.row.remove')} anchor="reasons-h" />
      ) : r.retired ? (
        <RowButton intent={`reason.restore.${i}`} label={t('policy.reason.restore')} anchor={`f-reason-${i}`} />
      ) : (
        <RowButton intent={`reason.retire.${i}`} label={t('policy.reason.retire')} anchor={`f-reason-${i}`} />
      )}
    </p>
  );
}

function ReasonRow(props: { r: ReasonDraft; i: number; count: number; problems: Problems }) {
  const { t, locale } = useAdmin();
  const { r, i } = props;
  const row = `reason.${i}`;
  const title = r.saved ? reasonTitle(r, locale) : t('policy.reason.new');
  return (
    <fieldset id={fieldId(row)} class={r.retired ? 'reason retired' : 'reason'} data-reason={r.code || undefined}>
      <legend>
        {t('policy.reason.legend', { n: i + 1, name: title })}
        {r.retired ? <span class="pill warn">{t('policy.reason.retired')}</span> : null}
      </legend>
      {r.retired ? <input type="hidden" name={`${row}.retired`} value="on" /> : null}
      {r.retired ? <p class="muted">{t('policy.reason.retiredHint')}</p> : null}
      <ReasonCode r={r} row={row} problems={props.problems} />
      <ReasonLabels r={r} row={row} problems={props.problems} />
      <ReasonRules r={r} row={row} problems={props.problems} />
      <ReasonButtons r={r} i={i} count={props.count} />
    </fieldset>
  );
}

export function ReasonRows(props: { reasons: ReasonDraft[]; problems: Problems }) {
  const { t } = useAdmin();
  return (
    <section aria-labelledby="reasons-h">
      <h2 id="reasons-h">{t('policy.reasons.title')}</h2>
      <p class="muted">{t('policy.reasons.hint')}</p>
      <Problem name="reasons" problems={props.problems} />
      {props.reasons.map((r, i) => (
        <ReasonRow r={r} i={i} count={props.reasons.length} problems={props.problems} />
      ))}
      <RowButton intent="reason.add" label={t('policy.reason.add')} anchor={`f-reason-${props.reasons.length}`} />
    </section>
  );
}
