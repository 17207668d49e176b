import { app, session, shell, type WebContents } from 'electron';
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

/** The page's policy, the same as the browser host sends (there, with its WebSocket origin). */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy([]);

/**
 * Sends the policy as a response header on everything the session loads, on top of the app://
 * handler's header and the meta tag in renderer/index.html. The value is written out literally
 * so Electronegativity (`npm test`) can read and grade it; tests/unit/electron checks that it is
 * exactly CONTENT_SECURITY_POLICY, so the two cannot drift apart.
 */
export function serveContentSecurityPolicy(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    // DevTools' own pages bring their own policy.
    if (details.url.startsWith('devtools:')) {
      callback({});
      return;
    }
    callback({
      // CSP_GLOBAL_CHECK: the evaluator flags script-src 'self' as weak when a site serves JSONP,
      // Angular or user uploads from its own origin; 'self' here is the app:// bundle, which has none.
      responseHeaders: {
        ...withoutHeader(details.responseHeaders ?? {}, 'content-security-policy'),
        'Content-Security-Policy': [
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ],
      },
    });
  });
}

function withoutHeader(headers: Record<string, string[]>, name: string): Record<string, string[]> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name));
}

/** Links that leave the app open in the OS browser, and only these kinds. */
export function openExternalSafely(url: string): void {
  try {
    const parsed = new URL(url);
    // OPEN_EXTERNAL_JS_CHECK: only https: and mailto: URLs reach the OS (never file:, smb: or a
    // custom scheme that starts a program), and only as re-serialised by the URL parser.
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
