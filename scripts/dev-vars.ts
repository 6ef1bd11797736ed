/**
 * `.dev.vars` for `npm run dev`, the browser tests and the bench: copied from `.dev.vars.example`
 * when missing, and `APP_SECRET` / `ADMIN_TOKEN` filled with fresh random values when empty or too
 * weak for `src/env.ts` (an old checkout's `dev-app-secret`), so nobody runs on a published secret.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { weakSecretReason } from '../src/lib/keys';

const generated: Record<string, { weak: (v: string) => boolean; make: () => string }> = {
  APP_SECRET: { weak: (v) => weakSecretReason(v) !== null, make: () => randomBytes(32).toString('base64url') },
  ADMIN_TOKEN: { weak: (v) => v.length < 32, make: () => `act_${randomBytes(24).toString('base64url')}` },
};

/** Makes sure `<root>/.dev.vars` exists with strong generated secrets; answers what it changed. */
export function ensureDevVars(root: string): string[] {
  const file = join(root, '.dev.vars');
  const changed: string[] = [];
  if (!existsSync(file)) {
    copyFileSync(join(root, '.dev.vars.example'), file);
    changed.push('.dev.vars (from .dev.vars.example)');
  }
  let text = readFileSync(file, 'utf8');
  for (const [name, rule] of Object.entries(generated)) {
    const line = new RegExp(`^${name}=(.*)$`, 'm');
    const current = line.exec(text)?.[1]?.trim() ?? '';
    if (current && !rule.weak(current)) continue;
    const value = `${name}=${rule.make()}`;
    text = line.test(text) ? text.replace(line, value) : `${text.replace(/\n?$/, '\n')}${value}\n`;
    changed.push(name);
  }
  if (changed.length) writeFileSync(file, text);
  return changed;
}

/** One value of `.dev.vars` (ensured first), for scripts that talk to the local server. */
export function devVar(root: string, name: string): string {
  ensureDevVars(root);
  const value = new RegExp(`^${name}=(.*)$`, 'm').exec(readFileSync(join(root, '.dev.vars'), 'utf8'))?.[1]?.trim();
  if (!value) throw new Error(`.dev.vars has no ${name}`);
  return value;
}
