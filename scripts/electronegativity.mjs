#!/usr/bin/env node
// `npm run security:electron`: Electronegativity, Doyensec's static scanner for Electron apps, over
// electron/ with the Electron version in use. It fails on:
//   - any HIGH finding, always;
//   - any MEDIUM or LOW finding that is not explained where it is reported: a `//` comment on the
//     reported line or in the comment lines right above it, naming the check and saying why it is
//     fine, e.g. `// AUXCLICK_JS_CHECK: middle-click closes a tab; new windows are denied anyway.`
//     A finding without a line (a whole-app check) cannot be explained that way: fix it.
// INFORMATIONAL findings are listed only. It works offline: the scanner's translation download
// gives up after a second, the check that needs Electron's release list from the network is left
// out (it compares package.json's Electron version, which a scan of electron/ never reads), and
// the whole run is bounded by a timeout.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
/** Needs github.com to read Electron's release notes; see the header. */
const NETWORK_ONLY_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** The Electron version the app builds with: the installed package, else package.json's range. */
export function electronVersion(root) {
  const installed = join(root, 'node_modules', 'electron', 'package.json');
  if (existsSync(installed)) return JSON.parse(readFileSync(installed, 'utf8')).version;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const range = pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
  const version = typeof range === 'string' ? /\d+\.\d+\.\d+/.exec(range)?.[0] : undefined;
  if (!version) throw new Error('Cannot tell which Electron version the app uses: node_modules/electron is missing and package.json names none.');
  return version;
}

/** RFC 4180 CSV, as the scanner writes it ("" inside quotes, bare N/A for missing values). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('The scanner report ends inside a quoted field.');
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/**
 * @param {string} csv the scanner's `-o report.csv` output
 * @returns {import('./electronegativity.d.mts').Finding[]}
 */
export function readFindings(csv) {
  const [header, ...rows] = parseCsv(csv);
  const columns = (header ?? []).map((h) => h.trim());
  const expected = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url'];
  if (expected.some((name, i) => columns[i] !== name)) throw new Error(`Unexpected scanner report header: ${columns.join(', ') || '(empty)'}`);
  return rows.map((cells) => {
    const [id, severity, confidence, file, location, sample, description, url] = cells;
    if (!SEVERITIES.includes(severity)) throw new Error(`Unexpected severity "${severity}" for ${id}`);
    const [line, column] = (location ?? '').split(':').map(Number);
    return {
      id,
      severity,
      confidence,
      file: file === 'N/A' ? null : file,
      line: file === 'N/A' || !Number.isInteger(line) || line < 1 ? null : line,
      column: Number.isInteger(column) ? column : null,
      sample: sample === 'N/A' ? '' : sample,
      description,
      url,
    };
  });
}

/**
 * The explanation written for a finding: a `//` comment that names the check, on the reported
 * line or in the run of comment lines right above it. Returns the comment's text, or null.
 * @param {{ id: string, line: number | null }} finding
 * @param {string[]} lines the reported file's lines
 */
export function explanationFor(finding, lines) {
  if (finding.line === null || finding.line > lines.length) return null;
  const comments = [];
  const trailing = /\/\/(.*)$/.exec(lines[finding.line - 1]);
  if (trailing) comments.push(trailing[1]);
  for (let i = finding.line - 2; i >= 0; i--) {
    const own = /^\s*\/\/(.*)$/.exec(lines[i]);
    if (!own) break;
    comments.unshift(own[1]);
  }
  // The explanation may continue over the following comment lines.
  const text = comments.map((c) => c.trim()).join(' ');
  const at = text.indexOf(`${finding.id}:`);
  if (at === -1) return null;
  const reason = text
    .slice(at + finding.id.length + 1)
    .split(/\b[A-Z][A-Z0-9_]+_CHECK:/)[0]
    .trim();
  return reason.split(/\s+/).length >= 4 ? reason : null;
}

/**
 * What the findings mean for CI.
 * @param {import('./electronegativity.d.mts').Finding[]} findings
 * @param {(file: string) => string[] | null} readLines
 */
export function judge(findings, readLines) {
  const verdicts = findings.map((finding) => {
    const lines = finding.file ? readLines(finding.file) : null;
    const explanation = lines ? explanationFor(finding, lines) : null;
    let failure = null;
    if (finding.severity === 'HIGH') failure = 'HIGH findings must be fixed';
    else if (finding.severity !== 'INFORMATIONAL' && !explanation) {
      failure =
        finding.line === null
          ? 'reported for the whole app: fix it'
          : `explain it in a comment at ${finding.file}:${finding.line} ("// ${finding.id}: why it is fine") or fix it`;
    }
    return { finding, explanation, failure };
  });
  return { verdicts, failed: verdicts.some((v) => v.failure !== null) };
}

/** Runs the scanner; returns its findings. Throws with the scanner's output when it fails. */
export function scan({ root, input, version, timeoutMs }) {
  const cli = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  if (!existsSync(cli)) throw new Error('Electronegativity is not installed (npm run setup installs the dev dependencies).');
  const work = mkdtempSync(join(tmpdir(), 'sce-electronegativity-'));
  const report = join(work, 'report.csv');
  try {
    const args = [
      '--require',
      join(root, 'scripts', 'electronegativity-ordered-writes.cjs'),
      cli,
      '-i',
      input,
      '-e',
      version,
      '-r',
      '-x',
      NETWORK_ONLY_CHECKS.join(','),
      '-o',
      report,
    ];
    const result = spawnSync(process.execPath, args, {
      cwd: root,
      encoding: 'utf8',
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
      env: { ...process.env, LANG: 'en-US', FORCE_COLOR: '0' },
    });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    if (result.error?.code === 'ETIMEDOUT' || result.signal === 'SIGKILL') {
      throw new Error(`Electronegativity did not finish within ${timeoutMs / 1000} s and was stopped.\n${output}`);
    }
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`Electronegativity exited with ${result.status}.\n${output}`);
    if (!existsSync(report)) throw new Error(`Electronegativity wrote no report.\n${output}`);
    return readFindings(readFileSync(report, 'utf8'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main(argv) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const option = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const input = resolve(root, option('input') ?? 'electron');
  const timeoutSeconds = Number(option('timeout') ?? 180);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    console.error(`--timeout must be a number of seconds, not "${option('timeout')}".`);
    return 2;
  }
  const version = electronVersion(root);
  const shown = isAbsolute(relative(root, input)) || relative(root, input).startsWith('..') ? input : relative(root, input) || '.';
  console.log(`Electronegativity on ${shown}/ for Electron ${version}…`);
  let findings;
  try {
    findings = scan({ root, input, version, timeoutMs: timeoutSeconds * 1000 });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const readLines = (file) => {
    const path = resolve(input, file);
    return existsSync(path) ? readFileSync(path, 'utf8').split(/\r?\n/) : null;
  };
  const { verdicts, failed } = judge(findings, readLines);
  const order = (v) => SEVERITIES.indexOf(v.finding.severity);
  for (const { finding, explanation, failure } of [...verdicts].sort((a, b) => order(a) - order(b))) {
    const where = finding.file ? `${finding.file}:${finding.line ?? 0}` : '(whole app)';
    console.log(`${failure ? '✗' : '·'} ${finding.severity.padEnd(13)} ${finding.id.padEnd(32)} ${where}  ${finding.description}`);
    if (explanation) console.log(`    explained: ${explanation}`);
    if (failure) console.log(`    → ${failure}`);
  }
  const count = (s) => findings.filter((f) => f.severity === s).length;
  console.log(
    `Electronegativity: ${count('HIGH')} high, ${count('MEDIUM')} medium, ${count('LOW')} low, ${count('INFORMATIONAL')} informational; ${verdicts.filter((v) => v.failure).length} to fix.`,
  );
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
