import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { METHOD_NAMES, ipcChannel, ipcEventChannel } from '../shared/contract';
import type { Backend } from './backend/index';
import { createDispatcher } from './backend/dispatcher';
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
    for (const contents of windows()) {
      if (!contents.isDestroyed()) contents.send(ipcEventChannel(event), payload);
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
