/** `templates/*.liquid` are imported as text (wrangler `[[rules]] type = "Text"`; vitest `liquid-text` plugin). */
declare module '*.liquid' {
  const text: string;
  export default text;
}
