import type { CaseDetail } from '../../admin/case-detail';
import type { BlockedWhy, CaseStepName, CaseSteps } from '../../admin/case-next-steps';
import type { AdminKey } from '../../i18n/admin';
import { ActionFields, type ItemVariants } from './case-action-fields';
import { useAdmin } from './i18n';
import { Csrf } from './shell';
import { KeysToggle } from './keys-toggle';

/**
 * Keys for the common actions. With JavaScript the key alone does it (`adminKeysScript`: never while
 * typing in a field); without, the same letter is the HTML `accesskey` (Alt+key in Chrome and Edge,
 * Alt+Shift+key in Firefox, Ctrl+Option+key in Safari) — except where Alt+key is the browser's own.
 */
export const shortcutKeys: Partial<Record<CaseStepName | 'reply' | 'note', string>> = {
  approve: 'a',
  reject: 'j',
  request_info: 'q',
  customer_replied: 'y',
  receive: 'v',
  refund: 'm',
  store_credit: 'k',
  exchange: 'e',
  close: 'c',
  reopen: 'o',
  reply: 'r',
  note: 'n',
};

/** Alt+E and Alt+F open Chrome's and Edge's menu on Windows and Linux: those letters get no accesskey. */
const browserAltKeys = new Set(['e', 'f']);

function accessKeyOf(name: CaseStepName): string | undefined {
  const key = shortcutKeys[name];
  return key && !browserAltKeys.has(key) ? key : undefined;
}

export interface NextStepsProps {
  csrf: string;
  d: CaseDetail;
  steps: CaseSteps;
  variants: ItemVariants;
}

/** What can be done with the case now: the likely next step first and prominent, the others after it. */
export function NextSteps({ csrf, d, steps, variants }: NextStepsProps) {
  const { t } = useAdmin();
  const [first, ...rest] = steps.allowed;
  const leads = first !== undefined && first === steps.next;
  return (
    <section class="card" aria-labelledby="actions">
      <h2 id="actions">{t('case.next')}</h2>
      {steps.next === 'reply' ? (
        <p class="notice">
          {t('case.next.reply')} <a href="#reply-body">{t('case.next.replyLink')}</a>
        </p>
      ) : null}
      {steps.next === null ? <p class="muted">{t('case.next.nothing')}</p> : null}
      {leads ? <ActionForm csrf={csrf} d={d} name={first} variants={variants} primary /> : null}
      <div class="grid">
        {(leads ? rest : steps.allowed).map((name) => (
          <ActionForm csrf={csrf} d={d} name={name} variants={variants} />
        ))}
      </div>
      <WhyNot blocked={steps.blocked} />
      <Shortcuts allowed={steps.allowed} />
    </section>
  );
}

function ActionForm(props: {
  csrf: string;
  d: CaseDetail;
  name: CaseStepName;
  variants: ItemVariants;
  primary?: boolean;
}) {
  const { t } = useAdmin();
  const label = t(`case.action.${props.name}` as AdminKey);
  return (
    <form
      method="post"
      action={`/admin/cases/${props.d.loaded.row.id}/actions`}
      class={props.primary ? 'card next-step' : 'card'}
      data-action={props.name}
      data-next={props.primary ? 'true' : undefined}
      aria-label={props.primary ? t('case.next.primary', { action: label }) : label}
    >
      <Csrf token={props.csrf} />
      <input type="hidden" name="action" value={props.name} />
      {props.primary ? (
        <p>
          <strong>{t('case.next.likely', { action: label })}</strong>
        </p>
      ) : null}
      <ActionFields name={props.name} d={props.d} variants={props.variants} />
      <button
        type="submit"
        class={props.primary ? undefined : 'secondary'}
        accesskey={accessKeyOf(props.name)}
        data-key={shortcutKeys[props.name]}
      >
        {label}
      </button>
    </form>
  );
}

/** The actions not offered, each with why: asked for, not in the way. */
function WhyNot({ blocked }: { blocked: CaseSteps['blocked'] }) {
  const { t } = useAdmin();
  if (blocked.length === 0) return null;
  return (
    <details class="why-not">
      <summary>{t('case.why.summary')}</summary>
      <ul>
        {blocked.map((b) => (
          <li data-blocked={b.name}>
            <strong>{t(`case.action.${b.name}` as AdminKey)}</strong>: {whyText(t, b.why)}
          </li>
        ))}
      </ul>
    </details>
  );
}

function whyText(t: ReturnType<typeof useAdmin>['t'], why: BlockedWhy): string {
  if (why.code === 'status') return t('case.why.status', { status: t(`case.status.${why.status}` as AdminKey) });
  return t(`case.why.${why.code}` as AdminKey);
}

function Shortcuts({ allowed }: { allowed: CaseStepName[] }) {
  const { t } = useAdmin();
  const names = [...allowed.filter((n) => shortcutKeys[n]), 'reply', 'note'] as const;
  return (
    <details class="shortcuts" id="keys-help">
      <summary>{t('case.keys.summary')}</summary>
      <p class="muted">{t('case.keys.how')}</p>
      <KeysToggle />
      <dl>
        <dt>
          <kbd>?</kbd>
        </dt>
        <dd>{t('case.keys.help')}</dd>
        {names.map((n) => (
          <>
            <dt>
              <kbd>{shortcutKeys[n]!.toUpperCase()}</kbd>
            </dt>
            <dd>
              {t(n === 'reply' || n === 'note' ? (`case.keys.${n}` as AdminKey) : (`case.action.${n}` as AdminKey))}
            </dd>
          </>
        ))}
      </dl>
    </details>
  );
}
