import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The hand-written messages of test/fixtures/mail (see its README), for Node-run tests only. */
const dir = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/mail');

export const fixtureNames = readdirSync(dir)
  .filter((name) => name.endsWith('.eml'))
  .sort();

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(dir, name)));
}
