import { WebSocket } from 'ws';
import type { Host } from '../../electron/host/server';

export interface WsAnswer {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

export interface WsClient {
  /** One contract call; rejects when no answer comes within `timeoutMs` (the host answers every call). */
  call(method: string, input: unknown, timeoutMs?: number): Promise<WsAnswer>;
  /** Events pushed so far, by name. */
  events: Array<{ event: string; payload: unknown }>;
  close(): void;
}

/** The page's side of the browser host's WebSocket, as a test drives it (the token in the query, our own Origin). */
export async function connectWs(host: Host): Promise<WsClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { headers: { Origin: host.origin } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waiting = new Map<number, (answer: WsAnswer) => void>();
  const events: WsClient['events'] = [];
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString('utf8')) as Partial<WsAnswer> & { event?: string; payload?: unknown };
    if (typeof message.id === 'number') waiting.get(message.id)?.(message as WsAnswer);
    else if (typeof message.event === 'string') events.push({ event: message.event, payload: message.payload });
  });
  let next = 1;
  return {
    events,
    call(method, input, timeoutMs = 5000) {
      const id = next++;
      return new Promise<WsAnswer>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`no answer to ${method} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, (answer) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(answer);
        });
        ws.send(JSON.stringify({ id, method, input }));
      });
    },
    close() {
      ws.close();
    },
  };
}
