// Vite's `?raw` imports: fixtures are read as their exact bytes (JSON.parse would round 64-bit ids).
declare module '*.json?raw' {
  const text: string;
  export default text;
}
