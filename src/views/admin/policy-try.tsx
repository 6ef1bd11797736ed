/** "Try it on order #…": what the engine decided for the order, and which rule fired and why. */
import type { RuleFacts } from '../../cases/conditions';
import type { Condition } from '../../cases/policy-schema';
import type { RuleCheck, Trial, TrialLine, TrialResult } from '../../admin/policy-trial';
import { useAdmin, When } from './i18n';
import { fieldId } from './policy-fields';
import { isRuleField, resolutionValues, ruleFieldKinds } from './policy-format';
import type { RuleChoices } from './policy-rules';

/** A fact or a condition's value as a person reads it: money in the shop's currency, reasons by label. */
function useShowValue(choices: RuleChoices) {
  const { t, money } = useAdmin();
  const one = (field: string, v: string | number): string => {
    if (isRuleField(field) && ruleFieldKinds[field] === 'money' && typeof v === 'number')
      return money({ amount: v, currency: choices.currency });
    if (field === 'reason') return choices.reasons.find((r) => r.code === v)?.label ?? String(v);
    if (field === 'resolution' && (resolutionValues as readonly string[]).includes(String(v)))
      return t(`policy.resolution.${v as (typeof resolutionValues)[number]}`);
    return String(v);
  };
  return (field: string, v: Condition['value'] | RuleFacts[keyof RuleFacts]): string =>
    v === null
      ? t('common.none')
      : Array.isArray(v)
        ? v.map((x) => one(field, x)).join(', ') || t('common.none')
        : one(field, v);
}

function RuleExplained(props: { check: RuleCheck; facts: RuleFacts; choices: RuleChoices }) {
  const { t } = useAdmin();
  const show = useShowValue(props.choices);
  const { check } = props;
  return (
    <li data-fires={String(check.fires)}>
      {t(check.fires ? 'policy.try.fires' : 'policy.try.skips', { name: check.name })}
      <ul>
        {check.checks.length === 0 ? <li>{t('policy.rule.always')}</li> : null}
        {check.checks.map(({ condition: c, holds }) => (
          <li class={holds ? 'holds' : 'fails'}>
            {holds ? '✓ ' : '✗ '}
            {t('policy.try.condition', {
              field: isRuleField(c.field) ? t(`policy.field.${c.field}`) : c.field,
              op: t(`policy.op.${c.op}`),
              value: show(c.field, c.value),
              actual: show(c.field, props.facts[c.field]),
            })}
          </li>
        ))}
      </ul>
    </li>
  );
}

function Decision(props: { trial: Trial; choices: RuleChoices }) {
  const { t } = useAdmin();
  const { trial } = props;
  const why = trial.decisionReason.startsWith('rule:')
    ? t('policy.try.byRule', { name: trial.decisionReason.slice(5) })
    : t(`policy.try.reason.${trial.decisionReason as 'no_rule' | 'blocklisted' | 'serial_returner'}`);
  const route = trial.routing.find((r) => r.fires);
  return (
    <>
      <p>
        <strong data-decision={trial.decision}>{t(`policy.decision.${trial.decision}`)}</strong> — {why}
      </p>
      {trial.autoApprove.length ? (
        <ol class="explain">
          {trial.autoApprove.map((c) => (
            <RuleExplained check={c} facts={trial.facts} choices={props.choices} />
          ))}
        </ol>
      ) : null}
      <h3>{t('policy.try.routing')}</h3>
      <p>
        {route ? t('policy.try.byRoute', { name: route.name }) : t('policy.try.noRoute')}{' '}
        {t('policy.try.classified', {
          type: t(`policy.caseType.${trial.classification.type as 'return'}`),
          priority: t(`policy.priority.${trial.classification.priority}`),
          tier: trial.classification.tier,
        })}
      </p>
      {route ? (
        <ol class="explain">
          <RuleExplained check={route} facts={trial.routingFacts} choices={props.choices} />
        </ol>
      ) : null}
    </>
  );
}

function LineRow(props: { l: TrialLine; currency: string }) {
  const { t, money } = useAdmin();
  const { l } = props;
  const r = l.result;
  return (
    <tr data-eligible={String(r.eligible)}>
      <td>{l.title}</td>
      <td class="num">
        {r.eligible ? t('policy.try.qtyOf', { n: r.returnableQuantity, of: l.quantity }) : l.quantity}
      </td>
      <td>
        <span class={r.eligible ? 'pill ok' : 'pill breach'}>
          {t(r.eligible ? 'policy.try.eligible' : 'policy.try.notEligible')}
        </span>
      </td>
      <td>
        {r.eligible ? (
          <>
            {t('policy.try.returnBy')} <When at={r.returnBy} />
          </>
        ) : (
          <>
            {t(`policy.try.code.${r.code}`)}
            {r.returnBy ? (
              <>
                {' '}
                ({t('policy.try.windowClosed')} <When at={r.returnBy} />)
              </>
            ) : null}
          </>
        )}
        {r.eligible && r.keepItem ? ` · ${t('policy.try.keeps')}` : ''}
        {' · '}
        {t('policy.try.each', { amount: money({ amount: r.unitValueMinor, currency: props.currency }) })}
      </td>
    </tr>
  );
}

export function TryResult(props: { result: TrialResult; choices: RuleChoices }) {
  const { t } = useAdmin();
  const { result } = props;
  const request = result.ok ? result.trial.request : result.request;
  return (
    <section class="card" aria-labelledby="try-h" id="try">
      <h2 id="try-h">{t('policy.try.resultTitle', { order: request.orderName })}</h2>
      {!result.ok ? (
        <p class="error" role="alert">
          {t('policy.try.noOrder', { order: request.orderName })}
        </p>
      ) : (
        <>
          <Decision trial={result.trial} choices={props.choices} />
          <table>
            <tr>
              <th>{t('policy.try.item')}</th>
              <th class="num">{t('policy.try.qty')}</th>
              <th>{t('policy.try.eligibleHead')}</th>
              <th>{t('policy.try.why')}</th>
            </tr>
            {result.trial.lines.map((l) => (
              <LineRow l={l} currency={props.choices.currency} />
            ))}
          </table>
          <p>
            <a href={`#${fieldId('tryOrder')}`}>{t('policy.try.again')}</a>
          </p>
        </>
      )}
    </section>
  );
}
