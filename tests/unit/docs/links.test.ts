import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * The README is a front page and the guide lives in docs/: a page renamed, a heading reworded or
 * an image moved (the end-to-end suite writes the screenshots) must not leave a link pointing at
 * nothing, which no reader would report until they clicked it.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const README_MAX_LINES = 200;
const docsDir = join(root, 'docs');
const pages = readdirSync(docsDir)
  .filter((name) => name.endsWith('.md'))
  .map((name) => join(docsDir, name));
const files = [join(root, 'README.md'), ...pages];

/** The text a reader sees as prose: code blocks, code spans and comments hold no links to check. */
function prose(markdown: string): string {
  return markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/`[^`]*`/g, '');
}

/** Every link and image target: [text](target), ![alt](target "title"), <a href>, <img src>. */
function targets(markdown: string): string[] {
  const text = prose(markdown);
  const found: string[] = [];
  for (const match of text.matchAll(/!?\[(?:[^\]]|\][^(])*?\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.push(match[1] ?? '');
  for (const match of text.matchAll(/<(?:a|img)\b[^>]*?\b(?:href|src)="([^"]+)"/g)) found.push(match[1] ?? '');
  return found;
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  const withoutCode = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const match of withoutCode.matchAll(/^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/gm)) {
    const text = (match[1] ?? '')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/[`*]/g, '');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

const isExternal = (target: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

describe('README.md and docs/', () => {
  test(`the README is a front page: at most ${README_MAX_LINES} lines`, () => {
    const text = readFileSync(join(root, 'README.md'), 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    expect(lines, `README.md has ${lines} lines: move the detail into a page under docs/ and link to it`).toBeLessThanOrEqual(README_MAX_LINES);
  });

  test('the guide has its pages, and the index in docs/README.md lists every one', () => {
    expect(pages.length).toBeGreaterThanOrEqual(5);
    const index = readFileSync(join(docsDir, 'README.md'), 'utf8');
    const listed = new Set(targets(index).map((target) => resolve(docsDir, decodeURIComponent(target.split('#')[0] ?? ''))));
    const missing = pages.filter((page) => !page.endsWith(`${join('docs', 'README.md')}`) && !listed.has(page)).map((page) => relative(root, page));
    expect(missing, 'add each page to the table in docs/README.md').toEqual([]);
  });

  test.each(files.map((file) => [relative(root, file), file]))('every relative link and image in %s points at a file and heading that exist', (_name, file) => {
    const problems: string[] = [];
    for (const target of targets(readFileSync(file, 'utf8'))) {
      if (isExternal(target)) continue;
      const hash = target.indexOf('#');
      const path = decodeURIComponent(hash >= 0 ? target.slice(0, hash) : target);
      const anchor = hash >= 0 ? decodeURIComponent(target.slice(hash + 1)) : '';
      const resolved = path === '' ? file : resolve(dirname(file), path);
      if (!existsSync(resolved)) {
        problems.push(`${target}: ${relative(root, resolved)} does not exist`);
        continue;
      }
      if (anchor === '') continue;
      if (!resolved.endsWith('.md')) {
        problems.push(`${target}: #${anchor} points into a file that is not Markdown`);
        continue;
      }
      if (!anchors(readFileSync(resolved, 'utf8')).has(anchor))
        problems.push(`${target}: ${relative(root, resolved)} has no heading whose anchor is #${anchor}`);
    }
    expect(problems, 'fix the link, or the heading or file it names').toEqual([]);
  });

  test('anchors are made as GitHub makes them', () => {
    expect([...anchors("# Sinch's own collection\n## listen: receive callbacks\n### As curl, as code\n## Tabs\n## Tabs\n```\n# not a heading\n```\n")]).toEqual(
      ['sinchs-own-collection', 'listen-receive-callbacks', 'as-curl-as-code', 'tabs', 'tabs-1'],
    );
  });
});
