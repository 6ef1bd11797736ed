/**
 * An article's body is Markdown that may quote the shop's policy through Liquid
 * (`{{ policy.returnWindowDays }}`, `{% if policy.methods.pickup %}`). It is stored as written and
 * rendered when read, with the policy of that moment: a merchant who changes the window or a fee
 * changes every article that quotes it, their own edits included, and saving a policy rewrites
 * nothing. The search index holds the words without the Liquid (search-source below), which no
 * policy change can make stale.
 */
import { Liquid } from 'liquidjs';
import { TEMPLATE_LIMITS } from '../notifications/template-limits';
import type { PolicyVariables } from './policy-variables';

const options = { ownPropertyOnly: true, cache: 200, ...TEMPLATE_LIMITS } as const;
// Strict for saving: a misspelt variable is refused then, never printed as a blank.
const strictEngine = new Liquid({ ...options, strictVariables: true, strictFilters: true });
// Lenient for reading: a variable that a later policy no longer has (a removed custom reason) must
// not take the article down; it reads as blank.
const lenientEngine = new Liquid({ ...options, strictVariables: false, strictFilters: false });

/** Trailing blanks and the empty lines Liquid tags leave behind, gone. */
export function tidyMarkdown(markdown: string): string {
  return `${markdown
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

function renderLiquid(body: string, policy: PolicyVariables): string {
  try {
    return strictEngine.parseAndRenderSync(body, { policy });
  } catch {
    try {
      return lenientEngine.parseAndRenderSync(body, { policy });
    } catch {
      return articleSearchSource(body);
    }
  }
}

/** The article's Markdown with the policy filled in; never throws for a template that once saved. */
export function renderArticleMarkdown(body: string, policy: PolicyVariables): string {
  return tidyMarkdown(renderLiquid(body, policy));
}

/** Why `body` cannot be saved (it does not parse, or names what the policy does not have), or null. */
export function articleBodyProblem(body: string, policy: PolicyVariables): string | null {
  try {
    strictEngine.parseAndRenderSync(body, { policy });
    return null;
  } catch (err) {
    return err instanceof Error ? err.message.split('\n')[0]! : String(err);
  }
}

/** The body with every Liquid tag and output removed: the words the search index holds. */
export function articleSearchSource(body: string): string {
  return body.replace(/\{%-?[\s\S]*?-?%\}/g, '').replace(/\{\{-?[\s\S]*?-?\}\}/g, '');
}
