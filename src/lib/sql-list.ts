/**
 * A constant list as an SQL `IN (…)` operand, so raw SQL names a status set by the same constant
 * the code does: `sqlInList(terminalStatuses)` is `('resolved','closed','rejected')`. Only plain
 * words are accepted: the list is spliced into SQL text, never bound.
 */
export function sqlInList(values: readonly string[]): string {
  if (values.length === 0) throw new Error('an empty IN list matches nothing; say what is meant instead');
  for (const v of values) if (!/^[a-z_]+$/.test(v)) throw new Error(`not a plain SQL word: ${v}`);
  return `(${values.map((v) => `'${v}'`).join(',')})`;
}
