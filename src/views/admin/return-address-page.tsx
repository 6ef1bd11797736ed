/** `/admin/settings/return-address`: where return labels send parcels. A refused field says why beside it. */
import type { ReturnAddressField, ReturnAddressForm } from '../../admin/return-address';
import type { AdminKey } from '../../i18n/admin';
import { ErrorSummary } from '../layout';
import { useAdmin } from './i18n';
import { AdminShell, Csrf, Flash } from './shell';

export type ReturnAddressProblem = 'required' | 'tooLong' | 'country';

export interface ReturnAddressPageProps {
  shop: string;
  csrf: string;
  values: ReturnAddressForm;
  errors?: Partial<Record<ReturnAddressField, ReturnAddressProblem>>;
  saved?: boolean;
}

const fields: ReadonlyArray<{ name: ReturnAddressField; required?: true; autocomplete: string }> = [
  { name: 'name', required: true, autocomplete: 'organization' },
  { name: 'address1', required: true, autocomplete: 'address-line1' },
  { name: 'address2', autocomplete: 'address-line2' },
  { name: 'city', required: true, autocomplete: 'address-level2' },
  { name: 'province', autocomplete: 'address-level1' },
  { name: 'zip', autocomplete: 'postal-code' },
  { name: 'countryCode', required: true, autocomplete: 'country' },
  { name: 'phone', autocomplete: 'tel' },
];

const idOf = (name: ReturnAddressField) => `f-${name}`;

export function ReturnAddressPage(p: ReturnAddressPageProps) {
  const { t } = useAdmin();
  const errors = Object.entries(p.errors ?? {}) as Array<[ReturnAddressField, ReturnAddressProblem]>;
  return (
    <AdminShell title={t('setup.address.title')} path="/admin/settings/return-address" shop={p.shop} csrf={p.csrf}>
      <h1>{t('setup.address.title')}</h1>
      <Flash ok={p.saved ? t('setup.address.saved') : undefined} />
      {errors.length > 0 ? (
        <ErrorSummary
          title={t('setup.address.errorSummary')}
          errors={errors.map(([name, problem]) => (
            <a href={`#${idOf(name)}`}>
              {t(`setup.address.${name}` as AdminKey)}: {t(`setup.address.error.${problem}` as AdminKey)}
            </a>
          ))}
        />
      ) : null}
      <p>{t('setup.address.intro')}</p>
      <form method="post" action="/admin/settings/return-address" class="card">
        <Csrf token={p.csrf} />
        {fields.map((f) => {
          const problem = p.errors?.[f.name];
          return (
            <label>
              {t(`setup.address.${f.name}` as AdminKey)}
              <br />
              <input
                id={idOf(f.name)}
                name={f.name}
                value={p.values[f.name]}
                autocomplete={f.autocomplete}
                required={f.required}
                aria-invalid={problem ? 'true' : undefined}
                aria-describedby={problem ? `${idOf(f.name)}-error` : undefined}
              />
              {problem ? (
                <span class="error" id={`${idOf(f.name)}-error`}>
                  {t(`setup.address.error.${problem}` as AdminKey)}
                </span>
              ) : null}
            </label>
          );
        })}
        <button type="submit">{t('setup.address.save')}</button>
      </form>
    </AdminShell>
  );
}
