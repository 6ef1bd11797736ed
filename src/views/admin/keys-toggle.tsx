import { useAdmin } from './i18n';

/**
 * The switch for single-key shortcuts, off until a member turns it on (per browser, kept in
 * localStorage by `adminKeysScript`): a stray key press or a speech command must not approve a
 * return (WCAG 2.1.4, character key shortcuts). Hidden without JavaScript, where it would do nothing.
 */
export function KeysToggle() {
  const { t } = useAdmin();
  return (
    <p class="keys-toggle" hidden>
      <label>
        <input type="checkbox" id="keys-on" /> {t('case.keys.toggle')}
      </label>
    </p>
  );
}
