/**
 * `sinch-explorer`: the one command-line entry, with subcommands. Each subcommand lives in its own
 * file and exports `run…Command(argv): Promise<number>` (the exit code).
 */
import { UsageError } from './args';

const HELP = `Usage: sinch-explorer <command> [options]

Commands:
  web       serve the app to a browser on 127.0.0.1 (what "npm start" falls back to without Electron)
  sandbox   run the offline Conversation API simulator
  run       run a collection's requests in order (CI-friendly; exit code 1 on any failure)
  listen    receive Sinch callbacks on 127.0.0.1:3737, verify their signatures, print or forward them
  import    import a Postman collection, environment or globals file into the app's workspace
  export    write a collection (or the built-in one) as a Postman v2.1 collection file

Run "sinch-explorer <command> --help" for a command's options.`;

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  web: async () => (await import('./web')).runWebCommand,
  sandbox: async () => (await import('./sandbox')).runSandboxCommand,
  run: async () => (await import('./run')).runRunCommand,
  listen: async () => (await import('./listen')).runListenCommand,
  import: async () => (await import('./transfer')).runImportCommand,
  export: async () => (await import('./transfer')).runExportCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP);
    return name === undefined ? 1 : 0;
  }
  const load = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    console.error(`Unknown command "${name}".\n\n${HELP}`);
    return 1;
  }
  try {
    return await (
      await load()
    )(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message} Run "sinch-explorer ${name} --help" for the options.`);
      // 2 for a wrong command line, as every command's --help says; 1 stays "ran and failed".
      return 2;
    }
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
