/**
 * The return policy screen: the single values, the reasons as rows, the auto-approve and routing
 * rules as "when … then …" rows, "try it on an order", the blocklist, and the JSON for power users.
 * One form without JavaScript: every row button is a submit that shows the page again, changed.
 */
import type { PolicyError } from '../../admin/policy-compile';
import type { PolicyDraft } from '../../admin/policy-draft';
import type { TrialRequest, TrialResult } from '../../admin/policy-trial';
import type { Policy } from '../../cases/policy-schema';
import { ErrorSummary } from '../layout';
import { policyFormScript } from '../inline-scripts';
import { type BlocklistRow, Blocklist } from './policy-blocklist';
import { fieldId, type Problems, ProblemText, problemsByField } from './policy-fields';
import { GeneralFields } from './policy-general';
import { PolicyJson } from './policy-json';
import { ReasonRows } from './policy-reasons';
import { type RuleChoices, RuleDatalists, RuleRows } from './policy-rules';
import { TryResult } from './policy-try';
import { TryFields } from './policy-try-fields';
import { useAdmin } from './i18n';
import { AdminShell, Csrf, Flash } from './shell';

export interface PolicyPageProps {
  shop: string;
  csrf: string;
  /** The stored policy: the single values' defaults and the JSON download. */
  policy: Policy;
  /** The rows as shown: the stored ones, or the posted ones after an edit or a refusal. */
  draft: PolicyDraft;
  /** The single values as posted (re-shown as typed). */
  posted?: Record<string, string> | undefined;
  errors?: PolicyError[] | undefined;
  notice?: 'saved' | 'imported' | undefined;
  choices: RuleChoices;
  orderNames: string[];
  /** Codes of the reasons a shopper is offered (the try-it menu). */
  offered: string[];
  blocklist: BlocklistRow[];
  tryRequest?: TrialRequest | undefined;
  trial?: TrialResult | undefined;
  /** The JSON import as posted, when it was refused. */
  json?: { text: string; errors: PolicyError[] } | undefined;
}

const editorCss = `.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
fieldset.reason,fieldset.rule{border:1px solid #c9ced6;border-radius:6px;margin:.6rem 0;padding:.5rem .8rem}
fieldset.retired{background:#f6f7f9}fieldset.condition,fieldset.values{border:1px dashed #c9ced6;border-radius:4px;margin:.3rem 0}
fieldset.condition{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end}.row-buttons{display:flex;gap:.4rem;flex-wrap:wrap}
.explain li.holds{color:#1a6b34}.explain li.fails{color:#a4161a}legend .pill{margin-left:.5rem}`;

function Summary(props: { errors: PolicyError[] }) {
  const { t } = useAdmin();
  return (
    <ErrorSummary
      title={t('policy.notSaved')}
      errors={props.errors.map((e) => (
        <a href={`#${fieldId(e.field)}`}>
          <ProblemText error={e} />
        </a>
      ))}
    />
  );
}

function EditorForm(p: PolicyPageProps & { problems: Problems }) {
  const { t } = useAdmin();
  return (
    <form method="post" action="/admin/policy" class="card" id="policy-form">
      <Csrf token={p.csrf} />
      {/* First in the form, so Enter in a field saves (a browser submits with the first button). */}
      <p>
        <button type="submit" name="intent" value="save">
          {t('policy.save')}
        </button>
      </p>
      <GeneralFields policy={p.policy} currency={p.choices.currency} posted={p.posted} problems={p.problems} />
      <ReasonRows reasons={p.draft.reasons} problems={p.problems} />
      <RuleRows set="autoApprove" rules={p.draft.autoApprove} choices={p.choices} problems={p.problems} />
      <RuleRows set="routing" rules={p.draft.routing} choices={p.choices} problems={p.problems} />
      <RuleDatalists choices={p.choices} />
      <TryFields
        request={p.tryRequest}
        orderNames={p.orderNames}
        choices={p.choices}
        offered={p.offered}
        problems={p.problems}
      />
      <p class="row-buttons">
        <button type="submit" name="intent" value="save">
          {t('policy.save')}
        </button>
        <button type="submit" name="intent" value="refresh" id="policy-refresh" class="secondary">
          {t('policy.refresh')}
        </button>
      </p>
      <p class="muted">{t('policy.refreshHint')}</p>
    </form>
  );
}

export function PolicyPage(p: PolicyPageProps) {
  const { t } = useAdmin();
  const errors = p.errors ?? [];
  const problems = problemsByField(errors);
  return (
    <AdminShell title={t('policy.title')} path="/admin/policy" shop={p.shop} csrf={p.csrf}>
      <style dangerouslySetInnerHTML={{ __html: editorCss }} />
      <h1>{t('policy.title')}</h1>
      <Flash ok={p.notice ? t(p.notice === 'saved' ? 'policy.saved' : 'policy.imported') : undefined} />
      {errors.length ? <Summary errors={errors} /> : null}
      {p.trial ? <TryResult result={p.trial} choices={p.choices} /> : null}
      <EditorForm {...p} problems={problems} />
      <Blocklist rows={p.blocklist} csrf={p.csrf} problems={problems} />
      <PolicyJson json={p.json?.text ?? JSON.stringify(p.policy, null, 2)} csrf={p.csrf} errors={p.json?.errors} />
      <script dangerouslySetInnerHTML={{ __html: policyFormScript }} />
    </AdminShell>
  );
}
