/** Vite's `?raw` imports (a file's text), used for the mail fixtures inside workerd. */
declare module '*?raw' {
  const text: string;
  export default text;
}
