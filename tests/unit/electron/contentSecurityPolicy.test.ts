import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/host/csp';
import { findAll, parseSource, propertyName, repoRoot } from './sourceAst';

/**
 * The Electron window gets its policy as a response header, written literally where the scanner
 * can read it; these tests keep that literal equal to the one policy builder (electron/host/csp.ts).
 */
const POLICY = contentSecurityPolicy([]);

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = '', ...values] = d.split(/\s+/);
        return [name, values.join(' ')];
      }),
  );
}

describe("the Electron window's Content-Security-Policy", () => {
  const security = parseSource('electron/security.ts');
  const headers = findAll(
    security,
    (node): node is ts.PropertyAssignment => ts.isPropertyAssignment(node) && propertyName(node.name)?.toLowerCase() === 'content-security-policy',
  );

  it('is sent as a response header whose literal value is exactly the shared policy', () => {
    expect(headers).toHaveLength(1);
    const value = headers[0]?.initializer;
    expect(value && ts.isArrayLiteralExpression(value) ? value.elements.map((e) => (ts.isStringLiteral(e) ? e.text : e.getText())) : value?.getText()).toEqual([
      POLICY,
    ]);
  });

  it('is installed on the session before the window is created', () => {
    const main = readFileSync(`${repoRoot}electron/main.ts`, 'utf8');
    const installed = main.indexOf('serveContentSecurityPolicy()');
    expect(installed).toBeGreaterThan(-1);
    expect(installed).toBeLessThan(main.lastIndexOf('createWindow();'));
    expect(readFileSync(`${repoRoot}electron/security.ts`, 'utf8')).toMatch(/webRequest\.onHeadersReceived\(/);
  });

  it('allows scripts from the app only, and no plugins, base or form targets', () => {
    const policy = directives(POLICY);
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(policy.get('connect-src')).toBe("'self'");
  });

  it("matches the page's own meta tag, which differs only by the browser host's loopback WebSocket", () => {
    const html = readFileSync(`${repoRoot}renderer/index.html`, 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const fromMeta = directives(meta ?? '');
    const fromHeader = directives(POLICY);
    // frame-ancestors is ignored in a meta tag, so only the header carries it.
    fromHeader.delete('frame-ancestors');
    expect(fromMeta.get('connect-src')).toMatch(/^'self'( ws:\/\/(127\.0\.0\.1|localhost):\*)*$/);
    fromMeta.delete('connect-src');
    fromHeader.delete('connect-src');
    expect(Object.fromEntries(fromMeta)).toEqual(Object.fromEntries(fromHeader));
  });
});
