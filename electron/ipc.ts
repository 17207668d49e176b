import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { METHOD_NAMES, ipcChannel, ipcEventChannel } from '../shared/contract';
import type { Backend } from './backend/index';
import { createDispatcher, wireProblem } from './backend/dispatcher';
import { isAppUrl } from './security';

/**
 * One `ipcMain.handle` per contract method, all through the same gate: the sender must be our
 * own page in its main frame; the dispatcher then checks the input against the contract.
 */
export function wireIpc(backend: Backend, windows: () => WebContents[]): () => void {
  const dispatch = createDispatcher(backend.handlers);
  for (const method of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(method), async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'INVALID_INPUT', message: 'Refused: the call did not come from the app window.' } };
      }
      return dispatch(method, input);
    });
  }
  const unsubscribe = backend.subscribe((event, payload) => {
    // Structured clone recurses: an event too deep for it is dropped (the page re-reads what it needs).
    if (wireProblem(payload) !== null) {
      console.error(`Event ${event} dropped: it is nested too deep to send to the page.`);
      return;
    }
    for (const contents of windows()) {
      try {
        if (!contents.isDestroyed()) contents.send(ipcEventChannel(event), payload);
      } catch (error) {
        console.error(`Event ${event} not delivered: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  });
  return () => {
    unsubscribe();
    for (const method of METHOD_NAMES) ipcMain.removeHandler(ipcChannel(method));
  };
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url);
}
