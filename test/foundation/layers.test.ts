import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderCycles, folderEdges } from '../../scripts/folder-graph';

const src = resolve(__dirname, '../../src');

describe('the folders of src/ are layers', () => {
  it('no folder imports a folder that imports it back, directly or through others (type imports aside)', () => {
    expect(folderCycles(folderEdges(src))).toEqual([]);
  });

  it('src/jobs, the old catch-all, is gone', () => {
    expect([...folderEdges(src).keys()]).not.toContain('jobs');
  });

  it('the graph reader sees a value import and ignores a type import', () => {
    const edges = folderEdges(src);
    expect(edges.get('commands')).toContain('queue');
    expect(edges.get('sla') ?? new Set()).not.toContain('commands');
  });
});
