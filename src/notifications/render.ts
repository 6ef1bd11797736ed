import { closestLocale, type Locale } from '../i18n';
import { Liquid } from 'liquidjs';
import { templateFiles } from './template-files';
import { templateVars, type NotificationKind } from './template-vars';

/**
 * Liquid rendering of notification templates. Strict on both variables and filters: a typo in a
 * template or a variable the caller did not pass is an error, never an email with a blank in it.
 * HTML output escapes every `{{ }}`; the text part does not (it is not HTML).
 */
/**
 * Limits for merchant-authored templates (LiquidJS's DoS guards), bundled ones are far below them.
 * Liquid has no unbounded loop, but nested ranges multiply: `memoryLimit` counts every range, array
 * and string a render creates, so `{% for a in (1..1000) %}{% for b in (1..1000) %}` stops at it.
 * `renderLimit` is wall time, which in workerd only advances on I/O: the memory limit is what bites.
 */
export const TEMPLATE_LIMITS = {
  /** Characters parsed per template section. */
  parseLimit: 100_000,
  /** Milliseconds per render. */
  renderLimit: 1_000,
  /** Range items, array items and string characters created per render. */
  memoryLimit: 1_000_000,
} as const;

const options = {
  strictVariables: true,
  strictFilters: true,
  ownPropertyOnly: true,
  cache: 200,
  ...TEMPLATE_LIMITS,
} as const;
const textEngine = new Liquid({ ...options });
const htmlEngine = new Liquid({ ...options, outputEscape: 'escape' });

export interface TemplateSource {
  subject: string;
  text: string;
  html: string | null;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string | null;
  locale: Locale;
}

/** A per-shop override (`message_templates`): subject + body, the body with or without sections. */
export interface TemplateOverride {
  subject: string;
  body: string;
}

const marker = /^=== (subject|text|html) ===\r?$/m;

/** Splits a template file into its `=== subject ===`, `=== text ===`, `=== html ===` sections. */
export function parseTemplate(source: string): TemplateSource {
  const parts = source.split(marker);
  const sections: Record<string, string> = {};
  for (let i = 1; i < parts.length; i += 2)
    sections[parts[i]!] = (parts[i + 1] ?? '').replace(/^\r?\n/, '').replace(/\r?\n$/, '');
  if (parts.length === 1) return { subject: '', text: source, html: null };
  if (sections.subject === undefined || sections.text === undefined)
    throw new Error('template needs a subject and a text section');
  return { subject: sections.subject, text: sections.text, html: sections.html ?? null };
}

/** The bundled template for a kind in a locale, falling back to English. */
export function bundledTemplate(kind: NotificationKind, locale: string): { source: TemplateSource; locale: Locale } {
  const wanted = closestLocale(locale);
  for (const l of [wanted, 'en'] as const) {
    const file = templateFiles[`${kind}.${l}`];
    if (file !== undefined) return { source: parseTemplate(file), locale: l };
  }
  throw new Error(`no template for ${kind}`);
}

export function fromOverride(o: TemplateOverride): TemplateSource {
  const body = parseTemplate(o.body);
  return { subject: o.subject, text: body.text, html: body.html };
}

/** Renders a source with the variables; throws on an unknown variable or filter (strict mode). */
export async function renderSource(
  source: TemplateSource,
  vars: Record<string, unknown>,
): Promise<Omit<RenderedMessage, 'locale'>> {
  const subject = (await textEngine.parseAndRender(source.subject, vars)).replace(/\s+/g, ' ').trim();
  const text = (await textEngine.parseAndRender(source.text, vars)).replace(/\n{3,}/g, '\n\n').trim() + '\n';
  const html = source.html === null ? null : await htmlEngine.parseAndRender(source.html, vars);
  return { subject, text, html };
}

/** Parses the variables for the kind (missing ones fail here, loudly) and renders. */
export async function renderNotification(
  kind: NotificationKind,
  locale: string,
  vars: Record<string, unknown>,
  shop: { name: string; email: string | null },
  override?: TemplateOverride,
): Promise<RenderedMessage> {
  const parsed = templateVars[kind].parse(vars) as Record<string, unknown>;
  const chosen = override
    ? { source: fromOverride(override), locale: closestLocale(locale) }
    : bundledTemplate(kind, locale);
  const scope = { ...parsed, shop: { name: shop.name, email: shop.email } };
  if (!override) return { ...(await renderSource(chosen.source, scope)), locale: chosen.locale };
  try {
    return { ...(await renderSource(chosen.source, scope)), locale: chosen.locale };
  } catch (err) {
    throw new MerchantTemplateError(kind, chosen.locale, err);
  }
}

/** The shop's own template for this message failed (a limit, a typo): this message fails, nothing else. */
export class MerchantTemplateError extends Error {
  constructor(
    readonly kind: NotificationKind,
    readonly locale: Locale,
    cause: unknown,
  ) {
    super(
      `the shop's ${kind}.${locale} template does not render: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'MerchantTemplateError';
  }
}
