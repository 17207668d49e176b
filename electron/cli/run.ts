/**
 * `sinch-explorer run`: runs a collection from the command line (CI, scripts) with the same
 * runner, engine, credentials path and variable scopes as the app (the backend's RunService),
 * printing each result as it arrives. This file reads the flags and prints; nothing else.
 */
import { maskHeaderValue } from '../../shared/formats/secrets';
import type { Environment } from '../../shared/model/environment';
import * as backend from '../backend/services';
import { UsageError, parseFlags } from './args';

const HELP = `Usage: sinch-explorer run <collection folder | collection file | builtin> --env <environment file | sandbox> [options]

Sends every request of a collection in order, applying captures so later requests see them.
  <collection folder>  a folder holding collection.json (from the app's workspace), or "builtin"
                       for the built-in Conversation API collection, which runs in its run order
                       (creates first, deletes last) rather than in display order
  <collection file>    a Postman collection (v2.1, v2.0, v1: e.g. x.postman_collection.json), read
                       as Import reads it (test-script setters become captures; scripts do not run)
  --env sandbox        start an offline sandbox for this run and use its demo credentials
  --env FILE           an environment file saved by the app (sinch-explorer/environment) or a Postman
                       environment file; credentials come from the collection's OAuth2/Basic auth
                       resolved with the environment's variables, else from SINCH_TOKEN, or
                       SINCH_KEY_ID and SINCH_KEY_SECRET (HTTP Basic)
  --folder NAME        run one folder only, by name or path (e.g. "Messages/Choice")
  --bail               stop at the first failing request
  --timeout MS         per-request timeout in milliseconds (default 30000)
  --globals FILE       a Postman globals file (or environment file): its variables are in scope
                       below everything else, as newman's --globals
  --json               one JSON object per request, then a summary object

Exit code: 0 when every request got a 2xx, 1 when any failed, 2 for a usage error.`;

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

let watchingStdout = false;
let stdoutClosed: () => void = () => undefined;

export async function runRunCommand(argv: string[]): Promise<number> {
  const spec = { env: 'string', globals: 'string', folder: 'string', bail: 'boolean', timeout: 'number', json: 'boolean', help: 'boolean' } as const;
  let flags: ReturnType<typeof parseFlags<typeof spec>>;
  try {
    flags = parseFlags(argv, spec);
    if (flags.help) {
      console.log(HELP);
      return EXIT_OK;
    }
    if (flags._.length !== 1)
      throw new UsageError(
        flags._.length === 0
          ? 'Name the collection to run: a collection folder, or "builtin".'
          : `Only one collection can be run at a time (got ${flags._.join(', ')}).`,
      );
    if (flags.env === undefined || flags.env.trim() === '')
      throw new UsageError('Say which environment to use: --env sandbox, or --env path/to/environment.json.');
    if (flags.timeout !== undefined && flags.timeout < 1) throw new UsageError('--timeout must be at least 1 millisecond.');
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  }
  const envFlag = flags.env;
  const { runner } = await backend.createRunServices();

  const loaded = await runner.loadCollection(flags._[0] as string);
  if (typeof loaded === 'string') return usage(loaded);
  const { tree, order } = loaded;
  const environmentFile = envFlag === 'sandbox' ? null : await runner.readEnvironment(envFlag);
  if (typeof environmentFile === 'string') return usage(environmentFile);
  // Secrets the collection file itself held: in scope for this run only, never written.
  const globals = flags.globals === undefined ? [] : await runner.readGlobals(flags.globals);
  if (typeof globals === 'string') return usage(globals);
  const fileSecrets = [...globals, ...(loaded.secrets ?? []), ...(environmentFile?.secrets ?? [])];

  let target: backend.EnvironmentTarget;
  try {
    const shell = { token: process.env.SINCH_TOKEN, keyId: process.env.SINCH_KEY_ID, keySecret: process.env.SINCH_KEY_SECRET };
    target = await runner.target(environmentFile?.environment ?? null, loaded.auth ?? { kind: 'none' }, tree, fileSecrets, shell);
  } catch (error) {
    console.error(`Cannot start the sandbox: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILED;
  }
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  // `run … | head`: once the reader is gone, stop sending instead of dying on EPIPE. Kept after
  // the run: the error can arrive after the last write returned.
  stdoutClosed = () => controller.abort();
  if (!watchingStdout) {
    watchingStdout = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') stdoutClosed();
    });
  }
  try {
    if (!flags.json) {
      const inOrder = order
        ? flags._[0] === 'builtin'
          ? ' in run order (creates first, deletes last)'
          : ' in the order its scripts chain (setNextRequest)'
        : '';
      console.log(`Running "${tree.name}"${flags.folder ? ` › ${flags.folder}` : ''}${inOrder} against ${describeTarget(target.environment)}`);
    }
    const summary = await runner.run({
      tree,
      folder: flags.folder,
      order,
      target,
      sandboxStep: (line) => console.log(flags.json ? JSON.stringify({ type: 'sandbox', step: line }) : `· sandbox: ${line}`),
      globals: fileSecrets,
      bail: flags.bail ?? false,
      timeoutMs: flags.timeout,
      signal: controller.signal,
      onResult: (result) =>
        console.log(flags.json ? JSON.stringify({ type: 'result', ...result, captured: result.captured.map(maskCaptured) }) : formatResult(result)),
    });
    const total = summary.passed + summary.failed + summary.skipped;
    if (flags.json) {
      console.log(
        JSON.stringify({ type: 'summary', passed: summary.passed, failed: summary.failed, skipped: summary.skipped, cancelled: summary.cancelled, total }),
      );
    } else {
      if (total === 0) console.log('Nothing to run: the selection has no requests.');
      if (summary.skipped > 0) console.log(`${summary.skipped} not run (${summary.cancelled ? 'cancelled' : 'stopped by --bail'}).`);
      console.log(`${summary.passed} passed, ${summary.failed} failed`);
    }
    return summary.failed > 0 || summary.cancelled || total === 0 ? EXIT_FAILED : EXIT_OK;
  } catch (error) {
    // An unknown --folder is the user's input being wrong: a usage error, with the choices.
    if (error instanceof backend.BackendError && (error.code === 'NOT_FOUND' || error.code === 'INVALID_INPUT')) return usage(error.message);
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    stdoutClosed = () => undefined;
    await target.close();
  }
}

function usage(message: string): number {
  console.error(`${message}\nRun "sinch-explorer run --help" for the options.`);
  return EXIT_USAGE;
}

function describeTarget(env: Environment): string {
  if (env.id === 'sandbox' && env.region === 'custom') return `a local sandbox (${env.customBaseUrl})`;
  return `environment "${env.name}" (${env.region})`;
}

/** `✓ 200  Create an app  (12 ms)`, or `✗ 404  Get an app  (3 ms)  NOT_FOUND: …` with the reason. */
export function formatResult(r: backend.RunResult): string {
  const mark = r.ok ? '✓' : '✗';
  const status = r.status !== undefined ? String(r.status) : 'ERR';
  const name = [...r.folderPath, r.name].join(' / ');
  const lines = [`${mark} ${status}  ${name}  (${r.timeMs} ms)${r.ok ? '' : `  ${oneLine(r.error ?? 'failed')}`}`];
  // A failed request's captures miss for the reason already shown.
  if (r.ok) for (const miss of r.missed) lines.push(`    capture {{${miss.variable}}} missed: ${miss.reason}`);
  return lines.join('\n');
}

/** CI logs are often public: a captured token (e.g. `access_token`) is shown masked, like in history. */
function maskCaptured(c: { variable: string; value: string }): { variable: string; value: string } {
  return { variable: c.variable, value: maskHeaderValue(c.variable, c.value) };
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
