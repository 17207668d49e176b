import { existsSync } from 'node:fs';

/** The system Chromium: Playwright's own browser download is not possible on these machines. */
export const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** Launch options for the e2e suite; `extraArgs` for a spec that needs more (e.g. a real window size). */
export function chromiumLaunchOptions(extraArgs: readonly string[] = []): { executablePath?: string; args: string[] } {
  return { ...(chromiumPath ? { executablePath: chromiumPath } : {}), args: [...chromiumArgs, ...extraArgs] };
}
