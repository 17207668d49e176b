import { mkdir } from 'node:fs/promises';
import type { WebhookEvent } from '../../shared/model/webhookEvent';
import * as backend from '../backend/services';
import { parseFlags, UsageError } from './args';

const HELP = `Usage: sinch-explorer listen [--port N] [--host H] [--secret-env NAME] [--forward-to URL] [--status N] [--json] [--data-dir DIR] [--no-store]

Receives Sinch Conversation API callbacks until Ctrl+C, checks their signatures and prints one
line per callback: time, trigger, signature verdict, summary.
  --port N           port to listen on (default: ${backend.DEFAULT_LISTENER_PORT}; 0 = any free port)
  --host H           interface (default: 127.0.0.1; 0.0.0.0 makes it reachable from your network)
  --secret-env NAME  environment variable holding the webhook secret used to verify signatures
  --forward-to URL   also send every callback, byte for byte, to your own endpoint
  --status N         HTTP status to answer (default: 200; non-2xx makes Sinch retry)
  --max-body N       largest body accepted, bytes (default: 1048576; larger ones get 413)
  --json             print one JSON object per callback (and one "listening" object first)
  --data-dir DIR     where captured callbacks are kept (default: the app's data folder)
  --no-store         keep nothing on disk`;

export interface ListenDependencies {
  /** Secrets from elsewhere (the keychain, when wired); tried after --secret-env's. */
  secretsFor?: backend.SecretsProvider;
  out?: (line: string) => void;
  err?: (line: string) => void;
  /** Resolves to stop (tests); SIGINT/SIGTERM stop it otherwise. */
  stopSignal?: Promise<void>;
}

/** Runs the webhook listener headless; resolves with the exit code once stopped. */
export async function runListenCommand(argv: string[], deps: ListenDependencies = {}): Promise<number> {
  const flags = parseFlags(argv, {
    port: 'number',
    host: 'string',
    'secret-env': 'string',
    'forward-to': 'string',
    status: 'number',
    'max-body': 'number',
    json: 'boolean',
    'data-dir': 'string',
    store: 'boolean',
    help: 'boolean',
  });
  const write = deps.out ?? ((text: string) => void process.stdout.write(`${text}\n`));
  // One write per batch of lines, not one per callback: at thousands of callbacks a second the
  // terminal (or the pipe) would otherwise cost more than the callbacks themselves.
  const printer = new LineBatcher(write, deps.out !== undefined);
  const out = (line: string): void => printer.push(line);
  const err = deps.err ?? ((line: string) => console.error(line));
  if (flags.help) {
    write(HELP);
    return 0;
  }
  if (flags.status !== undefined && (flags.status < 100 || flags.status > 599))
    throw new UsageError(`--status must be an HTTP status between 100 and 599 (got ${flags.status}).`);
  if (flags['forward-to'] !== undefined && !/^https?:\/\//i.test(flags['forward-to'])) throw new UsageError('--forward-to must be an http:// or https:// URL.');
  const envName = flags['secret-env'];
  let envSecret: string | undefined;
  if (envName !== undefined) {
    envSecret = process.env[envName];
    if (envSecret === undefined || envSecret === '') {
      err(`The environment variable ${envName} is not set (or empty); signatures will show as unknown_secret.`);
      envSecret = undefined;
    }
  }
  const own = envSecret !== undefined ? [{ label: `env:${envName ?? ''}`, secret: envSecret }] : [];
  // Without injected secrets the answer is known at once: no promise per callback.
  const injectedSecrets = deps.secretsFor;
  const secretsFor: backend.SecretsProvider = injectedSecrets ? async (event) => [...own, ...(await injectedSecrets(event))] : () => own;

  const dataDir = flags.store === false ? null : (flags['data-dir'] ?? backend.defaultDataDir());
  if (dataDir !== null) await mkdir(dataDir, { recursive: true });
  const { listener, store } = await backend.createListenerServices({
    dataDir,
    // Printed, never searched: each callback costs less to record without the search text.
    store: { searchable: false },
    listener: {
      port: flags.port ?? backend.DEFAULT_LISTENER_PORT,
      host: flags.host,
      reply: flags.status !== undefined ? { status: flags.status } : undefined,
      maxBodyBytes: flags['max-body'],
      forwardTo: flags['forward-to'] ?? null,
      secretsFor,
      onEvent: (event) => {
        if (!flags['forward-to'] || event.rejected) out(format(event, flags.json === true));
      },
      // With forwarding, print once the target has answered so the line can say what it said.
      onForwarded: (event) => out(format(event, flags.json === true)),
    },
  });
  let status;
  try {
    status = await listener.start();
  } catch (error) {
    printer.flush();
    err(`Cannot start the listener: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  if (flags.json) {
    out(
      JSON.stringify({
        type: 'listening',
        url: status.url,
        host: status.host,
        port: status.port,
        dataDir: store?.directory ?? null,
        forwardTo: status.forwardTo,
        ...(status.warning ? { warning: status.warning } : {}),
      }),
    );
  } else {
    out(`Listening for Sinch callbacks on ${status.url} (any path).`);
    if (status.warning) out(`Warning: ${status.warning}`);
    out(
      envSecret !== undefined
        ? `Verifying signatures with the secret in $${envName ?? ''}.`
        : 'No secret given (--secret-env): signed callbacks will show as unknown_secret.',
    );
    if (status.forwardTo) out(`Forwarding every callback to ${status.forwardTo}.`);
    if (store) out(`Keeping callbacks in ${store.directory}.`);
    out('Press Ctrl+C to stop.');
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    void deps.stopSignal?.then(stop);
  });
  await listener.stop();
  printer.flush();
  return 0;
}

/** Lines printed together every FLUSH_MS (or sooner past MAX_BATCH_CHARS); a quiet listener prints at once. */
class LineBatcher {
  static readonly FLUSH_MS = 50;
  static readonly MAX_BATCH_CHARS = 64 * 1024;
  private lines: string[] = [];
  private chars = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = 0;

  /** `perLine`: hand lines one by one (an injected printer, e.g. a test's), still in batches. */
  constructor(
    private readonly write: (text: string) => void,
    private readonly perLine: boolean,
  ) {}

  push(line: string): void {
    this.lines.push(line);
    this.chars += line.length + 1;
    if (this.chars >= LineBatcher.MAX_BATCH_CHARS) this.flush();
    else if (!this.timer) {
      // The first line after a quiet spell goes out at once; a burst is gathered.
      const wait = Date.now() - this.lastFlush >= LineBatcher.FLUSH_MS ? 0 : LineBatcher.FLUSH_MS;
      this.timer = setTimeout(() => this.flush(), wait);
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastFlush = Date.now();
    if (this.lines.length === 0) return;
    const lines = this.lines;
    this.lines = [];
    this.chars = 0;
    if (this.perLine) for (const line of lines) this.write(line);
    else this.write(lines.join('\n'));
  }
}

function format(event: WebhookEvent, json: boolean): string {
  if (json) {
    return JSON.stringify({
      type: 'callback',
      id: event.id,
      receivedAt: event.receivedAt,
      method: event.method,
      path: event.path,
      trigger: event.trigger,
      verdict: event.verdict.kind,
      secretLabel: event.verdict.secretLabel,
      summary: event.summary,
      responseStatus: event.responseStatus,
      rejected: event.rejected,
      sizeBytes: event.sizeBytes,
      json: event.json,
      correlation: event.correlation,
      ...(event.verdict.details.note ? { verdictNote: event.verdict.details.note } : {}),
      ...(event.forwarded ? { forwarded: event.forwarded } : {}),
    });
  }
  const time = event.receivedAt.slice(11, 23);
  const forwarded = event.forwarded
    ? `  → ${event.forwarded.status ?? `error: ${event.forwarded.error ?? '?'}`} (${Math.round(event.forwarded.timeMs)} ms)`
    : '';
  const rejected = event.rejected ? `  [${event.rejected.reason}]` : '';
  return `${time}  ${event.responseStatus}  ${event.trigger.padEnd(20)}  ${event.verdict.kind.padEnd(17)}  ${event.summary}${rejected}${forwarded}`;
}
