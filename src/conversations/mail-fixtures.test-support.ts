import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The hand-written messages of test/fixtures/mail (see its README), for Node-run tests only. */
const dir = fileURLToPath(new URL('../../test/fixtures/mail/', import.meta.url));

export const fixtureNames = readdirSync(dir)
  .filter((name) => name.endsWith('.eml'))
  .sort();

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${dir}${name}`));
}
