/** The policy's single values: window, final sale, fees, resolutions, methods and thresholds. */
import type { Policy } from '../../cases/policy-schema';
import { toDecimal } from '../../lib/money';
import { useAdmin } from './i18n';
import { Check, fieldId, invalid, Problem, type Problems, TextField } from './policy-fields';
import { feeValue } from './policy-format';

export interface GeneralProps {
  policy: Policy;
  currency: string;
  /** The fields as posted, when the page is shown again after a submit. */
  posted?: Record<string, string> | undefined;
  problems: Problems;
}

function FeeField(props: GeneralProps & { name: 'restockingFee' | 'returnShippingFee'; label: string }) {
  const { t } = useAdmin();
  const fee = props.policy[props.name];
  const kindName = `${props.name}Kind`;
  const valueName = `${props.name}Value`;
  const kind = props.posted?.[kindName] ?? fee.kind;
  return (
    <fieldset>
      <legend>{props.label}</legend>
      <div class="field">
        <label for={fieldId(kindName)}>{t('policy.fee.kind')}</label>
        <select id={fieldId(kindName)} name={kindName} {...invalid(kindName, props.problems)}>
          <option value="none" selected={kind === 'none'}>
            {t('policy.fee.none')}
          </option>
          <option value="percent" selected={kind === 'percent'}>
            {t('policy.fee.percent')}
          </option>
          <option value="fixed" selected={kind === 'fixed'}>
            {t('policy.fee.fixed', { currency: props.currency })}
          </option>
        </select>
      </div>
      <TextField
        name={valueName}
        label={t('policy.fee.value')}
        size={8}
        value={props.posted?.[valueName] ?? feeValue(fee, props.currency)}
        problems={props.problems}
      />
      <Problem name={kindName} problems={props.problems} />
    </fieldset>
  );
}

function WindowAndFees(props: GeneralProps) {
  const { t } = useAdmin();
  const { policy: p, problems } = props;
  const v = (k: string, fallback: string) => props.posted?.[k] ?? fallback;
  return (
    <div>
      <TextField
        name="returnWindowDays"
        type="number"
        label={t('policy.general.window')}
        value={v('returnWindowDays', String(p.returnWindowDays))}
        problems={problems}
      />
      <TextField
        name="finalSaleTags"
        label={t('policy.general.finalSaleTags')}
        size={30}
        value={v('finalSaleTags', p.finalSaleTags.join(', '))}
        problems={problems}
      />
      <TextField
        name="finalSaleProductTypes"
        label={t('policy.general.finalSaleTypes')}
        size={30}
        list="dl-productType"
        value={v('finalSaleProductTypes', p.finalSaleProductTypes.join(', '))}
        problems={problems}
      />
      <FeeField {...props} name="restockingFee" label={t('policy.fee.restocking')} />
      <FeeField {...props} name="returnShippingFee" label={t('policy.fee.shipping')} />
      <TextField
        name="storeCreditBonusPercent"
        label={t('policy.general.creditBonus')}
        size={6}
        value={v('storeCreditBonusPercent', String(p.storeCreditBonusBasisPoints / 100))}
        problems={problems}
      />
    </div>
  );
}

function Offers(props: GeneralProps) {
  const { t } = useAdmin();
  const { policy: p } = props;
  const on = (k: string, fallback: boolean) => (props.posted ? props.posted[k] === 'on' : fallback);
  return (
    <>
      <fieldset>
        <legend>{t('policy.general.resolutions')}</legend>
        <Check name="refund" label={t('policy.resolution.refund')} checked={on('refund', p.resolutions.refund)} />
        <Check
          name="storeCredit"
          label={t('policy.resolution.store_credit')}
          checked={on('storeCredit', p.resolutions.storeCredit)}
        />
        <Check
          name="exchange"
          label={t('policy.resolution.exchange')}
          checked={on('exchange', p.resolutions.exchange)}
        />
      </fieldset>
      <fieldset>
        <legend>{t('policy.general.methods')}</legend>
        <Check name="pickup" label={t('policy.general.pickup')} checked={on('pickup', p.methods.pickup)} />
        <Check name="dropOff" label={t('policy.general.dropOff')} checked={on('dropOff', p.methods.dropOff)} />
      </fieldset>
    </>
  );
}

function Thresholds(props: GeneralProps) {
  const { t } = useAdmin();
  const { policy: p, problems, currency: cur } = props;
  const v = (k: string, fallback: string) => props.posted?.[k] ?? fallback;
  return (
    <>
      <TextField
        name="keepItemUnder"
        label={t('policy.general.keepItem', { currency: cur })}
        size={8}
        value={v('keepItemUnder', toDecimal(p.keepItemUnderMinor, cur))}
        problems={problems}
      />
      <fieldset>
        <legend>{t('policy.general.serial')}</legend>
        <TextField
          name="serialMaxReturns"
          type="number"
          label={t('policy.general.serialMax')}
          value={v('serialMaxReturns', String(p.serialReturner.maxReturns))}
          problems={problems}
        />
        <TextField
          name="serialWindowDays"
          type="number"
          label={t('policy.general.serialDays')}
          value={v('serialWindowDays', String(p.serialReturner.windowDays))}
          problems={problems}
        />
      </fieldset>
      <TextField
        name="highValueOrder"
        label={t('policy.general.highValue', { currency: cur })}
        size={10}
        value={v('highValueOrder', toDecimal(p.highValueOrderMinor, cur))}
        problems={problems}
      />
      <TextField
        name="vipTags"
        label={t('policy.general.vipTags')}
        size={24}
        list="dl-customerTag"
        value={v('vipTags', p.vipTags.join(', '))}
        problems={problems}
      />
    </>
  );
}

export function GeneralFields(props: GeneralProps) {
  return (
    <div class="grid">
      <WindowAndFees {...props} />
      <div>
        <Offers {...props} />
        <Thresholds {...props} />
      </div>
    </div>
  );
}
