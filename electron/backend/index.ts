import { appHandlers } from './handlers/app';
import { authHandlers } from './handlers/auth';
import { codegenHandlers } from './handlers/codegen';
import { collectionHandlers } from './handlers/collections';
import { credentialHandlers } from './handlers/credentials';
import { environmentHandlers } from './handlers/environments';
import { firstRunHandlers } from './handlers/firstRun';
import { globalsHandlers } from './handlers/globals';
import { historyHandlers } from './handlers/history';
import { projectHandlers } from './handlers/project';
import { requestHandlers } from './handlers/requests';
import { responseHandlers } from './handlers/responses';
import { sandboxHandlers } from './handlers/sandbox';
import { sessionHandlers } from './handlers/session';
import { settingsHandlers } from './handlers/settings';
import { transferHandlers } from './handlers/transfer';
import { tunnelHandlers } from './handlers/tunnel';
import { webhookHandlers } from './handlers/webhooks';
import { workspaceHandlers } from './handlers/workspace';
// Imported, not loaded on demand as ./services/index.ts does: a backend needs all of it, and
// Electron's main process stays one bundled file.
import { createServices } from './services/app';
import type { Backend, BackendOptions, EventSink, Handlers } from './types';

export type { Backend, BackendOptions, EventSink, Handlers } from './types';

/**
 * A whole backend: the services createServices builds (./services/app.ts, the composition root),
 * the transports subscribed to their events, and one handler group per contract prefix
 * (./handlers/<prefix>.ts), each given only the services it uses.
 */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const sinks = new Set<EventSink>();
  const emit: EventSink = (event, payload) => {
    for (const sink of sinks) {
      // One transport failing to carry an event must not stop the others, nor throw into the
      // service that emitted it (the listener, a store's watcher).
      try {
        sink(event, payload);
      } catch (error) {
        console.error(`Event ${event} not delivered: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  const services = await createServices(options, emit);
  const handlers: Handlers = {
    ...appHandlers(services),
    ...settingsHandlers(services),
    ...sessionHandlers(services.session),
    ...environmentHandlers(services),
    ...requestHandlers(services),
    ...codegenHandlers(services),
    ...responseHandlers(services),
    ...historyHandlers(services),
    ...collectionHandlers(services),
    ...workspaceHandlers(services),
    ...transferHandlers(services),
    ...globalsHandlers(services),
    ...credentialHandlers(services),
    ...authHandlers(services),
    ...webhookHandlers(services),
    ...sandboxHandlers(services),
    ...projectHandlers(services),
    ...firstRunHandlers(services),
    ...tunnelHandlers(services),
  };

  return {
    handlers,
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    async close() {
      await services.close();
      sinks.clear();
    },
  };
}
