import { app, session, shell, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import { contentSecurityPolicy } from './host/csp';

/** The app's own pages are served from this scheme; nothing else may run in the window. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://renderer`;

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'renderer';
  } catch {
    return false;
  }
}

/** Electron's security checklist, in one place. */
export function secureWebPreferences(preload: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** The page's policy, the same as the browser host sends (there, with its WebSocket origin). */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy([]);

/** Links that leave the app open in the OS browser, and only these kinds. */
export function openExternalSafely(url: string): void {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' || parsed.protocol === 'mailto:') void shell.openExternal(parsed.toString());
  } catch {
    /* not a URL: ignore */
  }
}

/** Applies to every web contents the app ever creates, so a new window cannot slip past. */
export function hardenAllContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) {
        event.preventDefault();
        openExternalSafely(url);
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** The page asks for nothing (camera, notifications, …); say no to all of it. */
export function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
