import { createRequire } from 'node:module';

/**
 * The one place that touches `@ngrok/ngrok`. It is loaded lazily: a machine where its native
 * binary does not load still runs everything else, and says so when a tunnel is asked for.
 */
export interface TunnelHandle {
  url: string;
  close(): Promise<void>;
}

export interface AgentStartOptions {
  authtoken: string;
  /** Where the public URL forwards to, e.g. `http://127.0.0.1:3737`. */
  forwardTo: string;
  /** Tests and custom ingress only; ngrok's own service by default. */
  serverAddr?: string;
  /** Called once if the session is lost after it was up; the caller then closes the handle. */
  onDisconnect: (error: string) => void;
}

export interface TunnelAgent {
  start(options: AgentStartOptions): Promise<TunnelHandle>;
}

export class AgentUnavailableError extends Error {}

interface NgrokSession {
  httpEndpoint(): { listenAndForward(toUrl: string): Promise<{ url(): string | null; close(): Promise<void> }> };
  close(): Promise<void>;
}

interface NgrokModule {
  SessionBuilder: new () => {
    authtoken(token: string): NgrokBuilder;
  };
}

interface NgrokBuilder {
  authtoken(token: string): NgrokBuilder;
  serverAddr(addr: string): NgrokBuilder;
  handleDisconnection(handler: (addr: string, error: string) => boolean): NgrokBuilder;
  clientInfo?(name: string, version: string): NgrokBuilder;
  connect(): Promise<NgrokSession>;
}

function loadNgrok(): NgrokModule {
  try {
    // Required at run time, as keytar is: the bundler must not try to inline a native binary, and a
    // binary that fails to load must not stop the backend from starting.
    const require = createRequire(import.meta.url);
    return require('@ngrok/ngrok') as NgrokModule;
  } catch (error) {
    throw new AgentUnavailableError(
      `The ngrok agent library could not be loaded on this machine (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). Paste a URL your own tunnel forwards instead.`,
    );
  }
}

/** The real agent: one ngrok session and one HTTPS endpoint forwarding to the listener. */
export const ngrokAgent: TunnelAgent = {
  async start(options) {
    const ngrok = loadNgrok();
    let up = false;
    let closed = false;
    let builder = new ngrok.SessionBuilder().authtoken(options.authtoken).handleDisconnection((_addr, error) => {
      // Said once; the service then closes the session, so nothing reconnects in the background.
      // (Returning false here would make the library throw an uncaught error instead.)
      if (up && !closed) {
        closed = true;
        options.onDisconnect(error);
      }
      return true;
    });
    if (options.serverAddr) builder = builder.serverAddr(options.serverAddr);
    const session = await builder.connect();
    try {
      const listener = await session.httpEndpoint().listenAndForward(options.forwardTo);
      const url = listener.url();
      if (!url) throw new Error('ngrok gave no public URL');
      up = true;
      return {
        url,
        async close() {
          closed = true;
          await listener.close().catch(() => undefined);
          await session.close().catch(() => undefined);
        },
      };
    } catch (error) {
      closed = true;
      await session.close().catch(() => undefined);
      throw error;
    }
  },
};
