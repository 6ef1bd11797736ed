/**
 * Auto-approve and routing rules as "when [field] [operator] [value] … then [outcome]" rows. The
 * menus know the engine's fields and, where the shop has them, their values (its reasons, the
 * customer tags and product types seen in its orders, its members).
 */
import type { RuleDraft, RuleSet } from '../../admin/policy-draft';
import { useAdmin } from './i18n';
import { AddCondition, ConditionRow, type RuleChoices } from './policy-conditions';
import { fieldId, type Problems, RowButton, Select, TextField } from './policy-fields';
import { decisions, priorities, tiers } from './policy-format';

export type { RuleChoices };

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
