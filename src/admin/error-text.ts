import type { CaseStatus } from '../cases/vocabulary';
import type { AppError } from '../http/errors';
import type { AdminFormatter, AdminKey } from '../i18n/admin';
import { matchLocale } from '../i18n/locales';

/**
 * A refusal as a screen's banner says it: by its code in the member's language, else (a code the
 * catalog lacks, or an error without one) the English detail the API sends.
 */
export function errorText(fmt: AdminFormatter, e: AppError): string {
  if (!e.why) return e.message;
  const key = `error.cmd.${e.why.code}` as AdminKey;
  const english = fmt.t(key);
  if (english === key) return e.message;
  return fmt.t(key, localVars(fmt, e.why.vars ?? {}));
}

function localVars(fmt: AdminFormatter, vars: Record<string, string | number>): Record<string, string | number> {
  const out = { ...vars };
  if (typeof vars.status === 'string') out.status = fmt.t(`case.status.${vars.status as CaseStatus}` as AdminKey);
  const language = typeof vars.language === 'string' ? matchLocale(vars.language) : null;
  if (language) out.language = fmt.t(`help.lang.${language}`);
  if (typeof vars.amountMinor === 'number' && typeof vars.currency === 'string')
    out.amount = fmt.money({ amount: vars.amountMinor, currency: vars.currency });
  return out;
}
