import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminKeysScript, INLINE_SCRIPTS } from './inline-scripts';

const views = join(process.cwd(), 'src/views');
const files = (readdirSync(views, { recursive: true }) as string[]).filter((f) => f.endsWith('.tsx'));

describe('inline scripts are only the hashed ones', () => {
  it('only the layout, the embedded admin, the policy editor, the case page and the queue render a <script>, and pages hand them constants from inline-scripts.ts', () => {
    const withTag = files.filter((f) => /<script[\s>]/.test(readFileSync(join(views, f), 'utf8')));
    expect(withTag.sort()).toEqual([
      'admin/app-bridge.tsx',
      'admin/case-page.tsx',
      'admin/policy-page.tsx',
      'admin/queue-page.tsx',
      'layout.tsx',
    ]);
    // The case page's and the queue's one script: the hashed constant for the single-key shortcuts.
    for (const page of ['admin/case-page.tsx', 'admin/queue-page.tsx']) {
      const text = readFileSync(join(views, page), 'utf8');
      expect([...text.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!.trim())).toEqual([
        'dangerouslySetInnerHTML={{ __html: adminKeysScript }} /',
      ]);
      expect(text).toMatch(/import \{ adminKeysScript \} from '\.\.\/inline-scripts'/);
    }
    expect(INLINE_SCRIPTS).toContain(adminKeysScript);
    // The policy editor's one script: the hashed constant that redraws a condition's value control.
    const policy = readFileSync(join(views, 'admin/policy-page.tsx'), 'utf8');
    expect([...policy.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!.trim())).toEqual([
      'dangerouslySetInnerHTML={{ __html: policyFormScript }} /',
    ]);
    expect(policy).toMatch(/import \{ policyFormScript \} from '\.\.\/inline-scripts'/);
    // The embedded admin's scripts: App Bridge from Shopify's CDN, and one hashed constant.
    const bridge = readFileSync(join(views, 'admin/app-bridge.tsx'), 'utf8');
    expect([...bridge.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!.trim())).toEqual([
      'src={APP_BRIDGE_SRC}',
      'dangerouslySetInnerHTML={{ __html: embeddedAdminScript }} /',
    ]);
    expect(bridge).toMatch(/import \{ embeddedAdminScript \} from '\.\.\/inline-scripts'/);
    for (const f of files) {
      const text = readFileSync(join(views, f), 'utf8');
      for (const m of text.matchAll(/\bscript=\{(\w+)\}/g)) {
        expect(text, `${f} passes ${m[1]}`).toMatch(
          new RegExp(`import \\{[^}]*\\b${m[1]}\\b[^}]*\\} from '\\.\\./inline-scripts'`),
        );
      }
      expect(text, f).not.toMatch(/\son[a-z]+=["{]/); // no inline event handlers (CSP blocks them)
    }
  });
});
