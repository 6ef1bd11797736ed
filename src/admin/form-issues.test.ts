import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { adminFormatter } from '../i18n/admin';
import { fieldLabelOf, formIssueText, formIssuesText } from './form-issues';

const schema = z.object({
  email: z.email(),
  name: z.string().trim().min(1).max(5),
  code: z
    .string()
    .min(3)
    .regex(/^[a-z]+$/, 'lower-case letters'),
  role: z.enum(['agent', 'manager']),
  capacity: z.int().min(0).max(1000),
  tags: z.array(z.string()).min(1).max(2),
  note: z.string(),
  other: z.string().refine(() => false, 'never good'),
});
const issuesOf = (input: unknown) => schema.safeParse(input).error!.issues;
const valid = {
  email: 'a@b.co',
  name: 'Ann',
  code: 'abc',
  role: 'agent',
  capacity: 3,
  tags: ['x'],
  note: '',
  other: '',
};
const issue = (patch: Record<string, unknown>) => {
  const found = issuesOf({ ...valid, ...patch }).filter((i) => i.path[0] !== 'other');
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('formIssueText', () => {
  const en = adminFormatter('en', 'UTC');
  const de = adminFormatter('de', 'UTC');
  const zh = adminFormatter('zh-CN', 'UTC');

  it('says each kind of refusal as a sentence in the member’s language', () => {
    expect(formIssueText(de, issue({ email: 'nope' }), 'E-Mail')).toBe('„E-Mail“ ist keine gültige E-Mail-Adresse.');
    expect(formIssueText(zh, issue({ email: 'nope' }), '邮箱')).toBe('“邮箱”不是有效的邮箱地址。');
    expect(formIssueText(en, issue({ name: '  ' }), 'Name')).toBe('Name is required.');
    expect(formIssueText(de, issue({ name: 'Annabel' }), 'Name')).toBe('„Name“ darf höchstens 5 Zeichen lang sein.');
    expect(formIssueText(de, issue({ code: 'ab' }))).toBe('„code“ braucht mindestens 3 Zeichen.');
    expect(formIssueText(zh, issue({ code: 'AB1' }))).toBe('“code”的格式不正确（lower-case letters）。');
    expect(formIssueText(de, issue({ role: 'owner' }), 'Rolle')).toBe(
      '„Rolle“: Bitte wählen Sie eine der angebotenen Möglichkeiten.',
    );
    expect(formIssueText(zh, issue({ capacity: Number('ten') }))).toBe('“capacity”必须是数字。');
    expect(formIssueText(en, issue({ capacity: 1.5 }))).toBe('capacity must be a whole number.');
    expect(formIssueText(de, issue({ capacity: 1200 }))).toBe('„capacity“ darf höchstens 1.000 sein.');
    expect(formIssueText(en, issue({ capacity: -1 }))).toBe('capacity must be at least 0.');
    expect(formIssueText(zh, issue({ tags: [] }))).toBe('“tags”至少需要一项。');
    expect(formIssueText(en, issue({ tags: ['a', 'b', 'c'] }))).toBe('tags may have at most 2 entries.');
    expect(formIssueText(de, issue({ note: undefined }))).toBe('„note“ muss ausgefüllt werden.');
  });

  it('keeps zod’s own detail for a check no sentence covers, and names a form-wide refusal', () => {
    const other = issuesOf(valid).find((i) => i.path[0] === 'other')!;
    expect(formIssueText(de, other, 'Sonstiges')).toBe('„Sonstiges“: never good');
    const whole = z
      .object({})
      .refine(() => false, 'nope')
      .safeParse({}).error!.issues[0]!;
    expect(formIssueText(en, whole)).toBe('The form: nope');
  });

  it('names a field by the screen’s label, and an entry of a list by its number', () => {
    expect(fieldLabelOf(de, ['email'], { email: 'team.col.email' })).toBe('E-Mail');
    expect(fieldLabelOf(de, ['steps', 2, 'id'], { steps: 'help.proc.steps' })).toBe('Schritte (Nr. 3)');
    expect(fieldLabelOf(de, ['skills'], { email: 'team.col.email' })).toBeUndefined();
    expect(
      formIssuesText(zh, issuesOf({ ...valid, email: 'x', other: undefined }), { email: 'team.col.email' }),
    ).toEqual(['“邮箱”不是有效的邮箱地址。', '请填写“other”。']);
  });
});
