import type * as z from 'zod';
import type { AdminFormatter, AdminKey } from '../i18n/admin';

type Issue = z.core.$ZodIssue;

/** A screen's labels for its form's fields, by the field's name (the first part of a zod path). */
export type FieldLabels = Partial<Record<string, AdminKey>>;

/**
 * One refused field as a sentence in the member's language, chosen by the issue's code. A field
 * without a screen label is named by its path; what no sentence covers keeps zod's English detail.
 */
export function formIssueText(fmt: AdminFormatter, issue: Issue, fieldLabel?: string): string {
  const field = fieldLabel ?? (issue.path.map(String).join('.') || fmt.t('form.field.form'));
  const detail = issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return fmt.t('form.issue.wholeNumber', { field });
      if (issue.expected === 'number') return fmt.t('form.issue.number', { field });
      if (/received undefined/.test(detail)) return fmt.t('form.issue.required', { field });
      break;
    case 'too_small':
      return tooSmall(fmt, field, issue.origin, Number(issue.minimum));
    case 'too_big':
      if (issue.origin === 'string')
        return fmt.t('form.issue.tooLong', { field, max: fmt.number(Number(issue.maximum)) });
      if (issue.origin === 'array' || issue.origin === 'set')
        return fmt.t('form.issue.tooMany', { field, max: fmt.number(Number(issue.maximum)) });
      return fmt.t('form.issue.tooBig', { field, max: fmt.number(Number(issue.maximum)) });
    case 'invalid_format':
      if (issue.format === 'email') return fmt.t('form.issue.email', { field });
      return fmt.t('form.issue.format', { field, detail });
    case 'invalid_value':
      return fmt.t('form.issue.choice', { field });
  }
  return fmt.t('form.issue.other', { field, detail });
}

function tooSmall(fmt: AdminFormatter, field: string, origin: string, min: number): string {
  if (origin === 'string')
    return min <= 1
      ? fmt.t('form.issue.required', { field })
      : fmt.t('form.issue.tooShort', { field, min: fmt.number(min) });
  if (origin === 'array' || origin === 'set')
    return min <= 1
      ? fmt.t('form.issue.atLeastOne', { field })
      : fmt.t('form.issue.tooFew', { field, min: fmt.number(min) });
  return fmt.t('form.issue.tooSmall', { field, min: fmt.number(min) });
}

/** The label of an issue's field on a screen: its translated label, and which entry of a list it is. */
export function fieldLabelOf(
  fmt: AdminFormatter,
  path: readonly PropertyKey[],
  labels: FieldLabels,
): string | undefined {
  const key = labels[String(path[0])];
  if (!key) return undefined;
  const index = path.find((p): p is number => typeof p === 'number');
  const label = fmt.t(key);
  return index === undefined ? label : fmt.t('form.issue.item', { field: label, n: fmt.number(index + 1) });
}

/** Every issue of a refused form as a sentence, in the order zod found them. */
export function formIssuesText(fmt: AdminFormatter, issues: readonly Issue[], labels: FieldLabels = {}): string[] {
  return issues.map((i) => formIssueText(fmt, i, fieldLabelOf(fmt, i.path, labels)));
}
