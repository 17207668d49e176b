import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { findAll, lineOf, literalEntries, parseSource } from './sourceAst';

/**
 * The main window's webPreferences, as Electron's security checklist writes them. They must be
 * written literally at the `new BrowserWindow(...)` call: that is what Electronegativity reads
 * (a helper's return value looks to it like "contextIsolation not set").
 */
const REQUIRED: Record<string, boolean> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
};
/** Options that loosen the page, whatever their value: none of them belongs in this app. */
const FORBIDDEN = ['enableBlinkFeatures', 'additionalArguments', 'enableRemoteModule', 'nativeWindowOpen', 'partition', 'session', 'offscreen'];
const SHELL_FILES = ['electron/main.ts', 'electron/security.ts', 'electron/ipc.ts', 'electron/preload.ts'];
const WINDOW_CLASSES = new Set(['BrowserWindow', 'BrowserView', 'WebContentsView']);

function windowConstructions(file: string): ts.NewExpression[] {
  return findAll(
    parseSource(file),
    (node): node is ts.NewExpression => ts.isNewExpression(node) && ts.isIdentifier(node.expression) && WINDOW_CLASSES.has(node.expression.text),
  );
}

function webPreferencesOf(call: ts.NewExpression): ts.ObjectLiteralExpression {
  const where = `${call.getSourceFile().fileName}:${lineOf(call)}`;
  const options = call.arguments?.[0];
  if (!options || !ts.isObjectLiteralExpression(options)) throw new Error(`${where}: the window options must be an object literal at the call`);
  const outer = literalEntries(options);
  if (outer.opaque.length > 0)
    throw new Error(`${where}: the window options may not spread or compute keys (${outer.opaque.join(', ')}): they could override webPreferences`);
  const prefs = outer.entries.get('webPreferences');
  if (!prefs || !ts.isObjectLiteralExpression(prefs))
    throw new Error(`${where}: webPreferences must be written as an object literal at the call, not ${prefs ? prefs.getText() : 'left out'}`);
  return prefs;
}

describe('the main window as a static scanner reads it', () => {
  const calls = SHELL_FILES.flatMap(windowConstructions);

  it('creates exactly one window, in electron/main.ts', () => {
    expect(calls.map((call) => call.getSourceFile().fileName.replace(/.*\/electron\//, 'electron/'))).toEqual(['electron/main.ts']);
  });

  it.each(Object.entries(REQUIRED))('writes %s: %s literally at the call', (key, value) => {
    for (const call of calls) {
      const { entries } = literalEntries(webPreferencesOf(call));
      const node = entries.get(key);
      expect(node, `${key} is missing`).toBeDefined();
      expect(node?.kind, `${key} must be the literal ${String(value)}, not ${node?.getText() ?? 'missing'}`).toBe(
        value ? ts.SyntaxKind.TrueKeyword : ts.SyntaxKind.FalseKeyword,
      );
    }
  });

  it('has nothing that could override or loosen those values', () => {
    for (const call of calls) {
      const { entries, opaque, duplicates } = literalEntries(webPreferencesOf(call));
      expect(opaque, 'no spread or computed keys in webPreferences').toEqual([]);
      expect(duplicates, 'no key written twice').toEqual([]);
      expect([...entries.keys()].filter((key) => FORBIDDEN.includes(key))).toEqual([]);
    }
  });

  it('loads the bundled, sandbox-safe preload and nothing else', () => {
    for (const call of calls) {
      const preload = literalEntries(webPreferencesOf(call)).entries.get('preload');
      expect(preload?.getText()).toMatch(/'preload\.cjs'\)$/);
    }
  });
});
