/** One condition of a rule: "[field] [operator] [value]", the value control chosen by the field and operator. */
import type { ConditionDraft, RuleSet } from '../../admin/policy-draft';
import { useAdmin } from './i18n';
import { fieldId, Problem, type Problems, RowButton, Select, TextField } from './policy-fields';
import { isRuleField, opsFor, resolutionValues, ruleFieldKinds, ruleFields } from './policy-format';

export interface RuleChoices {
  currency: string;
  reasons: Array<{ code: string; label: string }>;
  customerTags: string[];
  productTypes: string[];
  members: Array<{ id: string; name: string }>;
}

export interface ConditionProps {
  c: ConditionDraft;
  row: string;
  n: number;
  ruleIntent: string;
  ruleAnchor: string;
  choices: RuleChoices;
  problems: Problems;
}

function choiceOptions(field: string, choices: RuleChoices, t: ReturnType<typeof useAdmin>['t']) {
  if (field === 'resolution') return resolutionValues.map((v) => [v, t(`policy.resolution.${v}`)] as const);
  return choices.reasons.map((r) => [r.code, r.label] as const);
}

/** Checkboxes for "is one of", a menu for one value, a typed value (with suggestions) otherwise. */
function ConditionValue(props: ConditionProps) {
  const { t } = useAdmin();
  const { c, row, choices, problems } = props;
  const name = `${row}.value`;
  const kind = isRuleField(c.field) ? ruleFieldKinds[c.field] : 'tag';
  if (kind === 'choice' && c.op === 'in') {
    const options = choiceOptions(c.field, choices, t);
    const extra = c.values.filter((v) => !options.some(([o]) => o === v)).map((v) => [v, v] as const);
    return (
      <fieldset class="values">
        <legend>{t('policy.cond.values')}</legend>
        {[...options, ...extra].map(([v, text]) => (
          <label>
            <input type="checkbox" name={name} value={v} checked={c.values.includes(v)} /> {text}
          </label>
        ))}
        <Problem name={name} problems={problems} />
      </fieldset>
    );
  }
  if (kind === 'choice') {
    const options = [['', t('policy.cond.choose')] as const, ...choiceOptions(c.field, choices, t)];
    return (
      <Select
        name={name}
        label={t('policy.cond.value')}
        value={c.values[0] ?? ''}
        options={options}
        problems={problems}
      />
    );
  }
  const label =
    kind === 'money'
      ? t('policy.cond.amount', { currency: choices.currency })
      : c.op === 'in'
        ? t('policy.cond.valuesTyped')
        : t('policy.cond.value');
  const list = kind === 'tag' ? `dl-${c.field}` : undefined;
  return <TextField name={name} label={label} value={c.values.join(', ')} size={18} list={list} problems={problems} />;
}

export function ConditionRow(props: ConditionProps) {
  const { t } = useAdmin();
  const { c, row } = props;
  const ops = opsFor(c.field);
  const fieldName = isRuleField(c.field) ? t(`policy.field.${c.field}`) : c.field;
  return (
    <fieldset class="condition" id={fieldId(row)}>
      <legend>{t('policy.cond.legend', { n: props.n, field: fieldName })}</legend>
      <input type="hidden" name={`${row}.field`} value={c.field} />
      <Problem name={`${row}.field`} problems={props.problems} />
      <Select
        name={`${row}.op`}
        label={t('policy.cond.op')}
        value={c.op}
        options={ops.map((o) => [o, t(`policy.op.${o}`)] as const)}
        problems={props.problems}
        refresh
      />
      <ConditionValue {...props} />
      <RowButton
        intent={`${props.ruleIntent}.${props.n - 1}`}
        label={t('policy.cond.remove')}
        anchor={props.ruleAnchor}
      />
    </fieldset>
  );
}

export function AddCondition(props: { set: RuleSet; i: number }) {
  const { t } = useAdmin();
  const name = `${props.set}.${props.i}.newField`;
  return (
    <p class="filters">
      <label for={fieldId(name)}>{t('policy.cond.addOn')}</label>
      <select id={fieldId(name)} name={name}>
        {ruleFields.map((f) => (
          <option value={f}>{t(`policy.field.${f}`)}</option>
        ))}
      </select>
      <RowButton
        intent={`${props.set}.when.add.${props.i}`}
        label={t('policy.cond.add')}
        anchor={fieldId(`${props.set}.${props.i}`)}
      />
    </p>
  );
}
