/**
 * The audit trail has one writer: every `case_events` row is inserted by `src/db/case-event-rows.ts`
 * (versioned, `visible_to_shopper` by the one rule). A hand-written INSERT anywhere else in `src`
 * would bypass both, so this reads the source the way a reviewer's grep would.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url).href);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const insertsEvents = /INSERT\s+(?:OR\s+\w+\s+)?INTO\s+case_events\b|\binsert\(\s*caseEvents\s*\)/i;

describe('one way to write a case event', () => {
  it('only src/db/case-event-rows.ts inserts into case_events', () => {
    const writers = sourceFiles(join(root, 'src'))
      .filter((f) => insertsEvents.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(writers).toEqual(['src/db/case-event-rows.ts']);
  });
});
