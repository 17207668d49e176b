import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'sinch-conversation-explorer';

/**
 * Where app-private state lives when nothing else is said: the same folder Electron's
 * `app.getPath('userData')` would use, so the desktop app and the browser host share one store.
 * SINCH_EXPLORER_DATA_DIR overrides it (tests, portable setups).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SINCH_EXPLORER_DATA_DIR) return env.SINCH_EXPLORER_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}
