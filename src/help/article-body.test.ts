import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../cases/policy-schema';
import { articleBodyProblem, articleSearchSource, renderArticleMarkdown } from './article-body';
import { policyVariables } from './policy-variables';

const vars = (days: number) =>
  policyVariables({ ...defaultPolicy(), returnWindowDays: days }, { locale: 'en', currency: 'EUR' });

describe('article bodies', () => {
  it('quote the policy of the moment they are read', () => {
    const body = 'Return within **{{ policy.returnWindowDays }} days**.';
    expect(renderArticleMarkdown(body, vars(30))).toBe('Return within **30 days**.\n');
    expect(renderArticleMarkdown(body, vars(45))).toBe('Return within **45 days**.\n');
  });

  it('refuse at save a variable the policy does not have, and Liquid that does not parse', () => {
    expect(articleBodyProblem('{{ policy.windowDays }}', vars(30))).toMatch(/windowDays/);
    expect(articleBodyProblem('{% if policy.methods.pickup %}open', vars(30))).toMatch(/not closed|endif/i);
    expect(articleBodyProblem('Plain *Markdown* {{ policy.returnWindowDays }}', vars(30))).toBeNull();
  });

  it('read a variable that is gone as blank instead of failing the page', () => {
    expect(renderArticleMarkdown('a{{ policy.reasons.gone.offered }}b', vars(30))).toBe('ab\n');
  });

  it('give search the words without the Liquid', () => {
    expect(articleSearchSource('Within {{ policy.returnWindowDays }} days.{% if x %} Free!{%- endif -%}')).toBe(
      'Within  days. Free!',
    );
  });
});
