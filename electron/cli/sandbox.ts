import * as backend from '../backend/services';
import { parseFlags } from './args';

const HELP = `Usage: sinch-explorer sandbox [--port N] [--template-port N] [--host H] [--token-ttl S] [--json] [--verbose]

Runs the offline Sinch Conversation API simulator until Ctrl+C.
  --port N           conversation API + OAuth2 port (default: a free port)
  --template-port N  template API port (default: a free port)
  --host H           interface to listen on (default: 127.0.0.1; anything else exposes the sandbox)
  --token-ttl S      access token lifetime in seconds (default: 3600)
  --json             print the URLs and demo credentials as one JSON line
  --verbose          log every request and callback delivery to stderr`;

/** Starts the sandbox, prints where it is, and resolves with the exit code once stopped by a signal. */
export async function runSandboxCommand(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, {
    port: 'number',
    'template-port': 'number',
    host: 'string',
    'token-ttl': 'number',
    json: 'boolean',
    verbose: 'boolean',
    help: 'boolean',
  });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  if (flags['token-ttl'] === 0) {
    console.error('--token-ttl must be at least 1 second.');
    return 1;
  }
  let sandbox: backend.SandboxHandle;
  try {
    sandbox = await backend.startSimulator({
      port: flags.port ?? 0,
      templatePort: flags['template-port'] ?? 0,
      host: flags.host ?? '127.0.0.1',
      tokenTtlSeconds: flags['token-ttl'] ?? 3600,
      log: flags.verbose ? (line) => console.error(line) : undefined,
    });
  } catch (error) {
    console.error(`Cannot start the sandbox: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const info = {
    conversationUrl: sandbox.conversationUrl,
    templateUrl: sandbox.templateUrl,
    authUrl: sandbox.authUrl,
    projectId: sandbox.projectId,
    keyId: sandbox.keyId,
    keySecret: sandbox.keySecret,
  };
  if (flags.json) {
    console.log(JSON.stringify(info));
  } else {
    console.log(
      [
        'Sinch Conversation API sandbox is running.',
        `  Conversation API  ${info.conversationUrl}`,
        `  Template API      ${info.templateUrl}`,
        `  OAuth2 token URL  ${info.authUrl}`,
        `  Project ID        ${info.projectId}`,
        `  Key ID            ${info.keyId}`,
        `  Key secret        ${info.keySecret}   (demo credentials, not a secret)`,
        'Press Ctrl+C to stop.',
      ].join('\n'),
    );
  }
  return new Promise<number>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void sandbox.close().then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
