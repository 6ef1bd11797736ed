/**
 * The policy editor's labelled controls, each with its problem shown right beside it (and tied to
 * it with `aria-describedby`) in the member's language.
 */
import type { Child } from 'hono/jsx';
import type { PolicyError } from '../../admin/policy-compile';
import { useAdmin } from './i18n';

export type Problems = ReadonlyMap<string, PolicyError>;

export const problemsByField = (errors: readonly PolicyError[] | undefined): Problems =>
  new Map((errors ?? []).map((e) => [e.field, e] as const).reverse());

/** A field name as an element id (`reason.0.label.zh-CN` → `f-reason-0-label-zh-CN`). */
export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9-]/g, '-')}`;

export function ProblemText(props: { error: PolicyError }) {
  const { t } = useAdmin();
  return <>{t(props.error.key, props.error.vars)}</>;
}

/** The problem next to a field, when there is one. */
export function Problem(props: { name: string; problems: Problems }) {
  const e = props.problems.get(props.name);
  if (!e) return null;
  return (
    <span class="error" id={`${fieldId(props.name)}-error`}>
      <ProblemText error={e} />
    </span>
  );
}

export function invalid(name: string, problems: Problems) {
  return problems.has(name) ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${fieldId(name)}-error` } : {};
}

interface FieldProps {
  name: string;
  label: Child;
  problems: Problems;
}

export function TextField(props: FieldProps & { value: string; size?: number; list?: string; type?: string }) {
  // The label beside the control, not around it: a wrapping label would add the control's value to its name.
  return (
    <div class="field">
      <label for={fieldId(props.name)}>{props.label}</label>
      <input
        id={fieldId(props.name)}
        name={props.name}
        type={props.type}
        value={props.value}
        size={props.size}
        list={props.list}
        {...invalid(props.name, props.problems)}
      />
      <Problem name={props.name} problems={props.problems} />
    </div>
  );
}

export function Check(props: { name: string; label: Child; checked: boolean }) {
  return (
    <label>
      <input type="checkbox" name={props.name} checked={props.checked} /> {props.label}
    </label>
  );
}

export type Options = ReadonlyArray<readonly [value: string, text: string]>;

export function Select(props: FieldProps & { value: string; options: Options; refresh?: boolean }) {
  // A value the menu does not know (from a JSON import) is kept as an option so saving keeps it.
  const known = props.options.some(([v]) => v === props.value);
  const options = known ? props.options : [...props.options, [props.value, props.value] as const];
  return (
    <div class="field">
      <label for={fieldId(props.name)}>{props.label}</label>
      <select
        id={fieldId(props.name)}
        name={props.name}
        data-refresh={props.refresh ? '' : undefined}
        {...invalid(props.name, props.problems)}
      >
        {options.map(([v, text]) => (
          <option value={v} selected={v === props.value}>
            {text}
          </option>
        ))}
      </select>
      <Problem name={props.name} problems={props.problems} />
    </div>
  );
}

/**
 * A submit button that edits the rows (`intent`), e.g. "Move up". The page comes back scrolled to
 * the section it changed (`#anchor` in `formaction`), with or without JavaScript.
 */
export function RowButton(props: { intent: string; label: string; anchor: string }) {
  return (
    <button
      type="submit"
      class="secondary"
      name="intent"
      value={props.intent}
      formaction={`/admin/policy#${props.anchor}`}
    >
      {props.label}
    </button>
  );
}
