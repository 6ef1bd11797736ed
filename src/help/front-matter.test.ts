import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from './front-matter';

describe('parseFrontMatter', () => {
  it('reads key: value pairs, inline lists and block lists, and returns the rest as the body', () => {
    const source =
      '---\nslug: return-policy\ntitle: Our policy: 30 days\nreasons: [too_small, damaged]\ntags:\n  - a\n  - b\nnone: []\n---\n# Body\n';
    expect(parseFrontMatter(source)).toEqual({
      data: {
        slug: 'return-policy',
        title: 'Our policy: 30 days',
        reasons: ['too_small', 'damaged'],
        tags: ['a', 'b'],
        none: [],
      },
      body: '# Body\n',
    });
  });

  it('accepts Windows line ends', () => {
    expect(parseFrontMatter('---\r\nslug: x\r\n---\r\nbody')).toEqual({ data: { slug: 'x' }, body: 'body' });
  });

  it('leaves a file without front matter whole', () => {
    expect(parseFrontMatter('# Just text\n---\n')).toEqual({ data: {}, body: '# Just text\n---\n' });
  });

  it('refuses lines it cannot read instead of guessing', () => {
    expect(() => parseFrontMatter('---\njust words\n---\n')).toThrow(SyntaxError);
    expect(() => parseFrontMatter('---\nreasons: [a, b\n---\n')).toThrow(SyntaxError);
  });
});
