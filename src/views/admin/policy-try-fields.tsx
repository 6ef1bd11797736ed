/** "Try it on order #…": its fields, inside the policy form so it tries the rows as they stand (unsaved). */
import type { TrialRequest } from '../../admin/policy-trial';
import { useAdmin } from './i18n';
import { type Problems, Select, TextField } from './policy-fields';
import { resolutionValues } from './policy-format';
import type { RuleChoices } from './policy-rules';

export function TryFields(props: {
  request: TrialRequest | undefined;
  orderNames: string[];
  choices: RuleChoices;
  offered: string[];
  problems: Problems;
}) {
  const { t } = useAdmin();
  const reasons = props.choices.reasons.filter((r) => props.offered.includes(r.code));
  return (
    <fieldset class="try">
      <legend>{t('policy.try.title')}</legend>
      <p class="muted">{t('policy.try.hint')}</p>
      <div class="filters">
        <TextField
          name="tryOrder"
          label={t('policy.try.order')}
          value={props.request?.orderName ?? ''}
          size={10}
          list="dl-orders"
          problems={props.problems}
        />
        <datalist id="dl-orders">
          {props.orderNames.map((n) => (
            <option value={n} />
          ))}
        </datalist>
        <Select
          name="tryReason"
          label={t('policy.try.reason')}
          value={props.request?.reason ?? reasons[0]?.code ?? ''}
          options={reasons.map((r) => [r.code, r.label] as const)}
          problems={props.problems}
        />
        <Select
          name="tryResolution"
          label={t('policy.try.resolution')}
          value={props.request?.resolution ?? 'refund'}
          options={resolutionValues.map((v) => [v, t(`policy.resolution.${v}`)] as const)}
          problems={props.problems}
        />
        <button type="submit" name="intent" value="try" class="secondary">
          {t('policy.try.button')}
        </button>
      </div>
    </fieldset>
  );
}
