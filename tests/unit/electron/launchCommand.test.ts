import { describe, expect, it } from 'vitest';
import { launchCommandOf } from '../../../electron/cli/launchCommand';

describe('the command that started the browser host, as the page names it', () => {
  it.each([
    ['npm start', { npm_lifecycle_event: 'start', npm_command: 'start' }, [], 'npm start'],
    ['npm start with flags', { npm_lifecycle_event: 'start', npm_command: 'start' }, ['--port', '8080'], 'npm start -- --port 8080'],
    ['npm run web', { npm_lifecycle_event: 'web', npm_command: 'run-script' }, [], 'npm run web'],
    ['npx', { npm_command: 'exec', npm_lifecycle_event: 'npx' }, ['--no-open'], 'npx sinch-explorer web --no-open'],
    ['installed on the PATH', {}, ['--data-dir', '/home/me/My Data'], "sinch-explorer web --data-dir '/home/me/My Data'"],
  ] as const)('%s', (_name, env, argv, expected) => {
    expect(launchCommandOf(env, argv)).toBe(expected);
  });
});
