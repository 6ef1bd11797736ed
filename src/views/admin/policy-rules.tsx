/**
 * Auto-approve and routing rules as "when [field] [operator] [value] … then [outcome]" rows. The
 * menus know the engine's fields and, where the shop has them, their values (its reasons, the
 * customer tags and product types seen in its orders, its members).
 */
import type { ConditionDraft, RuleDraft, RuleSet } from '../../admin/policy-draft';
import { useAdmin } from './i18n';
import { fieldId, Problem, type Problems, RowButton, Select, TextField } from './policy-fields';
import {
  decisions,
  isRuleField,
  opsFor,
  priorities,
  resolutionValues,
  ruleFieldKinds,
  ruleFields,
  tiers,
} from './policy-format';

export interface RuleChoices {
  currency: string;
  reasons: Array<{ code: string; label: string }>;
  customerTags: string[];
  productTypes: string[];
  members: Array<{ id: string; name: string }>;
}

interface ConditionProps {
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

function ConditionRow(props: ConditionProps) {
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

function RuleOutcome(props: { set: RuleSet; r: RuleDraft; row: string; choices: RuleChoices; problems: Problems }) {
  const { t } = useAdmin();
  const { r, row, problems } = props;
  if (props.set === 'autoApprove')
    return (
      <Select
        name={`${row}.then`}
        label={t('policy.rule.then')}
        value={r.then}
        options={decisions.map((d) => [d, t(`policy.decision.${d}`)] as const)}
        problems={problems}
      />
    );
  const keep = ['', t('policy.rule.keep')] as const;
  return (
    <div class="grid">
      <Select
        name={`${row}.tier`}
        label={t('policy.rule.tier')}
        value={r.tier}
        options={[keep, ...tiers.map((x) => [x, t('policy.rule.tierN', { n: x })] as const)]}
        problems={problems}
      />
      <Select
        name={`${row}.priority`}
        label={t('policy.rule.priority')}
        value={r.priority}
        options={[keep, ...priorities.map((p) => [p, t(`policy.priority.${p}`)] as const)]}
        problems={problems}
      />
      <Select
        name={`${row}.assignee`}
        label={t('policy.rule.assignee')}
        value={r.assignee}
        options={[keep, ...props.choices.members.map((m) => [m.id, m.name] as const)]}
        problems={problems}
      />
    </div>
  );
}

interface RuleRowProps {
  set: RuleSet;
  r: RuleDraft;
  i: number;
  count: number;
  choices: RuleChoices;
  problems: Problems;
}

function AddCondition(props: { set: RuleSet; i: number }) {
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

function RuleRow(props: RuleRowProps) {
  const { t } = useAdmin();
  const { set, r, i } = props;
  const row = `${set}.${i}`;
  return (
    <fieldset class="rule" id={fieldId(row)} data-rule={r.name || undefined}>
      <legend>{t(set === 'autoApprove' ? 'policy.rule.legendAuto' : 'policy.rule.legendRouting', { n: i + 1 })}</legend>
      <TextField
        name={`${row}.name`}
        label={t('policy.rule.name')}
        value={r.name}
        size={30}
        problems={props.problems}
      />
      <p>
        <strong>{t('policy.rule.when')}</strong>{' '}
        {r.when.length === 0 ? <span class="muted">{t('policy.rule.always')}</span> : null}
      </p>
      {r.when.map((c, j) => (
        <ConditionRow
          c={c}
          row={`${row}.when.${j}`}
          n={j + 1}
          ruleIntent={`${set}.when.remove.${i}`}
          ruleAnchor={fieldId(row)}
          choices={props.choices}
          problems={props.problems}
        />
      ))}
      <AddCondition set={set} i={i} />
      <RuleOutcome set={set} r={r} row={row} choices={props.choices} problems={props.problems} />
      <p class="row-buttons">
        {i > 0 ? (
          <RowButton intent={`${set}.up.${i}`} label={t('policy.row.up')} anchor={fieldId(`${set}.${i - 1}`)} />
        ) : null}
        {i < props.count - 1 ? (
          <RowButton intent={`${set}.down.${i}`} label={t('policy.row.down')} anchor={fieldId(`${set}.${i + 1}`)} />
        ) : null}
        <RowButton intent={`${set}.remove.${i}`} label={t('policy.rule.remove')} anchor={`${set}-h`} />
      </p>
    </fieldset>
  );
}

export function RuleRows(props: { set: RuleSet; rules: RuleDraft[]; choices: RuleChoices; problems: Problems }) {
  const { t } = useAdmin();
  const { set } = props;
  return (
    <section aria-labelledby={`${set}-h`}>
      <h2 id={`${set}-h`}>{t(set === 'autoApprove' ? 'policy.auto.title' : 'policy.routing.title')}</h2>
      <p class="muted">{t(set === 'autoApprove' ? 'policy.auto.hint' : 'policy.routing.hint')}</p>
      {props.rules.map((r, i) => (
        <RuleRow set={set} r={r} i={i} count={props.rules.length} choices={props.choices} problems={props.problems} />
      ))}
      <RowButton
        intent={`${set}.add`}
        label={t(set === 'autoApprove' ? 'policy.auto.add' : 'policy.routing.add')}
        anchor={fieldId(`${set}.${props.rules.length}`)}
      />
    </section>
  );
}

/** The suggestions the typed values offer (tags and product types seen in the shop's orders). */
export function RuleDatalists(props: { choices: RuleChoices }) {
  return (
    <>
      <datalist id="dl-customerTag">
        {props.choices.customerTags.map((v) => (
          <option value={v} />
        ))}
      </datalist>
      <datalist id="dl-productType">
        {props.choices.productTypes.map((v) => (
          <option value={v} />
        ))}
      </datalist>
    </>
  );
}
