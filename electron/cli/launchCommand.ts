/**
 * The command a user typed to start the browser host, as they would type it again: the page names it when it
 * loses the backend ("Is “npm start” still running?"), instead of guessing one. npm tells a script how it was
 * run: `npm_lifecycle_event` is the script's name (`start`, `web`) and `npm_command` is `exec` under npx; the
 * web command's own flags follow, quoted for a POSIX shell where they need it.
 */
export function launchCommandOf(env: Readonly<Record<string, string | undefined>>, argv: readonly string[]): string {
  const args = argv.map(shellWord).join(' ');
  const script = env['npm_lifecycle_event'];
  if (script && env['npm_command'] !== 'exec') {
    const run = script === 'start' || script === 'test' ? `npm ${script}` : `npm run ${script}`;
    return args ? `${run} -- ${args}` : run;
  }
  const command = env['npm_command'] === 'exec' ? 'npx sinch-explorer web' : 'sinch-explorer web';
  return args ? `${command} ${args}` : command;
}

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
