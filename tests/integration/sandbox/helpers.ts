import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../../electron/backend/sandbox/index';

export type Json = Record<string, unknown>;

export interface ApiResponse<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

/** A plain fetch client, as a user's own code would talk to the API, with a cached token. */
export class Client {
  private token: string | undefined;

  constructor(readonly sandbox: SandboxHandle) {}

  get project(): string {
    return `/v1/projects/${this.sandbox.projectId}`;
  }

  async fetchToken(): Promise<string> {
    const res = await fetch(this.sandbox.authUrl, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${this.sandbox.keyId}:${this.sandbox.keySecret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const body = (await res.json()) as { access_token: string };
    this.token = body.access_token;
    return this.token;
  }

  async call<T = Json>(
    method: string,
    path: string,
    body?: unknown,
    options: { host?: 'conversation' | 'template'; authorization?: string } = {},
  ): Promise<ApiResponse<T>> {
    const authorization = options.authorization ?? `Bearer ${this.token ?? (await this.fetchToken())}`;
    const base = options.host === 'template' ? this.sandbox.templateUrl : this.sandbox.conversationUrl;
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as T };
  }

  async createApp(overrides: Json = {}): Promise<Json & { id: string }> {
    const res = await this.call<Json & { id: string }>('POST', `${this.project}/apps`, {
      display_name: 'Test app',
      channel_credentials: [
        { channel: 'SMS', static_bearer: { claimed_identity: '+15550000001', token: 'sms-token' } },
        { channel: 'WHATSAPP', static_bearer: { claimed_identity: '+15550000002', token: 'wa-token' } },
      ],
      ...overrides,
    });
    if (res.status !== 200) throw new Error(`createApp: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async createContact(identities: Array<{ channel: string; identity: string; app_id?: string }>, extra: Json = {}): Promise<Json & { id: string }> {
    const res = await this.call<Json & { id: string }>('POST', `${this.project}/contacts`, {
      channel_identities: identities,
      language: 'EN_US',
      ...extra,
    });
    if (res.status !== 200) throw new Error(`createContact: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

export interface ReceivedCallback {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  json: Json;
  path: string;
}

/** A real HTTP server on 127.0.0.1 standing in for the user's webhook endpoint. */
export class CallbackReceiver {
  readonly received: ReceivedCallback[] = [];
  /** Decides each response status; 200 unless replaced. */
  respond: (nth: number, cb: ReceivedCallback) => number = () => 200;
  private server: Server | undefined;
  url = '';

  /** On a free port, or on `port` (a receiver coming up where callbacks were already being sent). */
  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const cb: ReceivedCallback = { headers: req.headers, raw, json: JSON.parse(raw.toString('utf8')) as Json, path: req.url ?? '/' };
        this.received.push(cb);
        res.writeHead(this.respond(this.received.length, cb)).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return this;
  }

  /** Callbacks carrying `key` (the trigger's payload key), optionally filtered. */
  withKey(key: string, filter: (payload: Json) => boolean = () => true): ReceivedCallback[] {
    return this.received.filter((cb) => cb.json[key] !== undefined && filter(cb.json[key] as Json));
  }

  async waitFor(key: string, count = 1, filter: (payload: Json) => boolean = () => true, timeoutMs = 5000): Promise<ReceivedCallback[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.withKey(key, filter);
      if (found.length >= count) return found;
      await sleep(20);
    }
    throw new Error(`timed out waiting for ${count} × ${key}; got ${JSON.stringify(this.received.map((r) => Object.keys(r.json)))}`);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function withSandbox(options: SandboxOptions = {}): Promise<{ sandbox: SandboxHandle; client: Client }> {
  const sandbox = await startSandbox({ deliveryDelayMs: 10, callbackRetry: { attempts: 3, baseDelayMs: 30, timeoutMs: 2000 }, ...options });
  return { sandbox, client: new Client(sandbox) };
}

/** The §14 envelope, asserted the same way everywhere. */
export function expectRpcError(res: ApiResponse, code: number, status: string): { message: string } {
  const error = (res.body as { error?: { code: number; status: string; message: string } }).error;
  if (res.status !== code || !error || error.code !== code || error.status !== status || typeof error.message !== 'string') {
    throw new Error(`expected ${code} ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  if (/\bat .+\.ts:\d+/.test(JSON.stringify(res.body))) throw new Error('stack trace leaked into error body');
  return error;
}
