import { describe, expect, it } from 'vitest';
import { errorText } from '../../admin/error-text';
import { AppError } from '../../http/errors';
import { commandErrorCodes, type CommandErrorCode } from '../../lib/command-errors';
import { locales } from '../locales';
import { adminCatalogs, adminFormatter } from '.';

describe('command error messages', () => {
  it('every code a command may raise has its message in every language, translated', () => {
    for (const code of commandErrorCodes) {
      const key = `error.cmd.${code}`;
      const english = (adminCatalogs.en as Record<string, string>)[key];
      expect(english, key).toBeTruthy();
      for (const locale of locales.filter((l) => l !== 'en'))
        expect((adminCatalogs[locale] as Record<string, string>)[key], `${locale} ${key}`).not.toBe(english);
    }
  });

  it('fills a status and an amount in the member’s language', () => {
    const de = adminFormatter('de', 'UTC');
    const status = new AppError('conflict', 'Cannot receive a case that is requested.', {
      why: { code: 'status_forbids', vars: { status: 'requested' } },
    });
    expect(errorText(de, status)).toBe('Im Status „angefragt“ nicht möglich.');
    const ceiling = new AppError('unprocessable', 'At most 4000 minor units can be paid on this case.', {
      why: { code: 'amount_over_ceiling', vars: { amountMinor: 4000, currency: 'EUR' } },
    });
    expect(errorText(adminFormatter('zh-CN', 'UTC'), ceiling)).toBe('该工单最多可支付 €40.00。');
  });

  it('falls back to the English detail for an error without a code, or a code the catalog lacks', () => {
    const de = adminFormatter('de', 'UTC');
    expect(errorText(de, new AppError('conflict', 'Plain English.'))).toBe('Plain English.');
    const unknown = new AppError('conflict', 'Also English.', { why: { code: 'no_such_code' as CommandErrorCode } });
    expect(errorText(de, unknown)).toBe('Also English.');
  });
});
