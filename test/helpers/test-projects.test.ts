import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitTests } from '../../scripts/test-projects';

// Spelled so that this file's own import scan does not read its fixtures as imports.
const CF = ['cloudflare', ''].join(':');

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'test-projects-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the Node / workerd test split (scripts/test-projects.ts)', () => {
  it('sends a test to workerd when anything it reaches imports cloudflare:*, through cycles and re-exports', () => {
    const root = tree({
      'src/a/a.ts': "import { x } from './b';\nexport const y = x;\n",
      'src/a/b.ts': `import { y } from './a';\nimport { env } from '${CF}workers';\nexport const x = 1;\n`,
      'src/a/cyclic.test.ts': "import { y } from './a';\n",
      'src/a/reexport.ts': "export { y } from './a';\n",
      'src/a/via-reexport.test.ts': "import {\n  y,\n} from './reexport.js';\n",
      'test/dynamic.test.ts': "const m = await import('../src/a/b');\n",
      'test/direct.test.ts': `import { env } from '${CF}test';\n`,
      'test/marked.test.ts': '// runs-in: workerd\nexport {};\n',
      'test/own.test.ts': `// storage: own (looks up the demo shop's orders)\nimport { env } from '${CF}workers';\n`,
    });
    expect(splitTests(root)).toEqual({
      node: [],
      workerd: [
        'src/a/cyclic.test.ts',
        'src/a/via-reexport.test.ts',
        'test/direct.test.ts',
        'test/dynamic.test.ts',
        'test/marked.test.ts',
      ],
      ownWorkerd: ['test/own.test.ts'],
    });
  });

  it('keeps a test in Node when its cloudflare imports are type-only and its graph is pure; skips e2e', () => {
    const root = tree({
      'src/lib/pure.ts': `import type { Env } from '${CF}workers';\nexport const z = 1;\n`,
      'src/lib/pure.test.ts': `import type { Env } from '${CF}workers';\nimport { z } from './pure';\nimport tpl from '../../templates/x.liquid';\n`,
      'templates/x.liquid': `{% comment %} import '${CF}workers' {% endcomment %}`,
      'test/e2e/flow.test.ts': `import { env } from '${CF}workers';\n`,
    });
    expect(splitTests(root)).toEqual({ node: ['src/lib/pure.test.ts'], workerd: [], ownWorkerd: [] });
  });
});
