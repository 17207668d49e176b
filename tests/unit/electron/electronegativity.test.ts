import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explanationFor, judge, parseCsv, readFindings, type Finding } from '../../../scripts/electronegativity.mjs';
import { repoRoot } from './sourceAst';

/** The gate `npm test` runs over electron/: what fails it, what a reviewed finding looks like. */
const REPORT = [
  'issue, severity, confidence, filename, location, sample, description, url',
  'CSP_GLOBAL_CHECK,"MEDIUM","CERTAIN","N/A","0:0",N/A,"No CSP has been detected in the target application",https://github.com/doyensec/electronegativity/wiki/CSP_GLOBAL_CHECK',
  'OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","security.ts","41:76","if (a === \'https:\' || b) void shell.openExternal(""x"", y);","Review the use of openExternal",https://github.com/doyensec/electronegativity/wiki/OPEN_EXTERNAL_JS_CHECK',
  '',
].join('\n');

function finding(overrides: Partial<Finding>): Finding {
  return {
    id: 'AUXCLICK_JS_CHECK',
    severity: 'MEDIUM',
    confidence: 'FIRM',
    file: 'main.ts',
    line: 3,
    column: 2,
    sample: '',
    description: 'd',
    url: 'u',
    ...overrides,
  };
}

describe('reading the scanner report', () => {
  it('keeps commas and doubled quotes inside quoted fields', () => {
    expect(parseCsv('a,"b, ""c""",N/A\r\nd,e,f\n')).toEqual([
      ['a', 'b, "c"', 'N/A'],
      ['d', 'e', 'f'],
    ]);
  });

  it('turns each row into a finding, whole-app findings without a file', () => {
    const [global, located] = readFindings(REPORT);
    expect(global).toMatchObject({ id: 'CSP_GLOBAL_CHECK', severity: 'MEDIUM', file: null, line: null });
    expect(located).toMatchObject({
      id: 'OPEN_EXTERNAL_JS_CHECK',
      file: 'security.ts',
      line: 41,
      column: 76,
      sample: 'if (a === \'https:\' || b) void shell.openExternal("x", y);',
    });
  });

  it('refuses a report it does not understand rather than passing it', () => {
    expect(() => readFindings('id,level\nX,HIGH\n')).toThrow(/Unexpected scanner report header/);
    expect(() => readFindings(REPORT.replace('"MEDIUM","CERTAIN"', '"SEVERE","CERTAIN"'))).toThrow(/Unexpected severity "SEVERE"/);
  });
});

describe('what fails the gate', () => {
  const source = [
    'const a = 1;',
    '// AUXCLICK_JS_CHECK: middle-click closes a tab; new windows are denied by the open handler.',
    'const win = new BrowserWindow({',
    '  preload, // PRELOAD_JS_CHECK: ok',
    '});',
  ];

  it('finds the explanation in the comment lines right above, or trailing the line', () => {
    expect(explanationFor({ id: 'AUXCLICK_JS_CHECK', line: 3 }, source)).toBe('middle-click closes a tab; new windows are denied by the open handler.');
    expect(explanationFor({ id: 'SANDBOX_JS_CHECK', line: 3 }, source)).toBeNull();
    // A comment further up, separated by code, does not explain this line.
    expect(explanationFor({ id: 'AUXCLICK_JS_CHECK', line: 5 }, source)).toBeNull();
    // A word or two is not an explanation.
    expect(explanationFor({ id: 'PRELOAD_JS_CHECK', line: 4 }, source)).toBeNull();
  });

  it('fails on any HIGH finding, explained or not', () => {
    const { failed, verdicts } = judge([finding({ severity: 'HIGH', id: 'AUXCLICK_JS_CHECK' })], () => source);
    expect(failed).toBe(true);
    expect(verdicts[0]?.failure).toMatch(/HIGH findings must be fixed/);
  });

  it('lets an explained MEDIUM stay and fails an unexplained one, saying where to explain it', () => {
    expect(judge([finding({})], () => source).failed).toBe(false);
    const { failed, verdicts } = judge([finding({ id: 'SANDBOX_JS_CHECK' })], () => source);
    expect(failed).toBe(true);
    expect(verdicts[0]?.failure).toContain('main.ts:3 ("// SANDBOX_JS_CHECK: why it is fine")');
  });

  it('fails a whole-app MEDIUM (nowhere to explain it) and only lists INFORMATIONAL ones', () => {
    expect(judge([finding({ file: null, line: null, id: 'CSP_GLOBAL_CHECK' })], () => null).failed).toBe(true);
    expect(judge([finding({ severity: 'INFORMATIONAL', id: 'CSP_JS_CHECK' })], () => source).failed).toBe(false);
  });
});

describe('the real scanner behind the gate', () => {
  it('fails an app whose window turns off context isolation, and names the check', { timeout: 180_000 }, () => {
    const app = mkdtempSync(join(tmpdir(), 'sce-insecure-app-'));
    try {
      writeFileSync(
        join(app, 'main.js'),
        [
          "const { BrowserWindow } = require('electron');",
          'const win = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: true } });',
          "win.loadURL('https://example.com');",
          '',
        ].join('\n'),
      );
      const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'electronegativity.mjs'), `--input=${app}`, '--timeout=150'], { encoding: 'utf8' });
      expect(result.status, result.stdout + result.stderr).toBe(1);
      expect(result.stdout).toMatch(/✗ HIGH\s+CONTEXT_ISOLATION_JS_CHECK\s+main\.js:2/);
      expect(result.stdout).toMatch(/Electronegativity: [1-9]\d* high/);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });
});
