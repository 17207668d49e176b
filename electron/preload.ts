/**
 * The preload is a forwarder, not a gateway: one function per contract method on a fixed channel,
 * and a subscription limited to contract events. No raw ipcRenderer reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, METHOD_NAMES, ipcChannel, ipcEventChannel, isEventName } from '../shared/contract';

const methods: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const method of METHOD_NAMES) {
  methods[method] = (input: unknown) => ipcRenderer.invoke(ipcChannel(method), input);
}

contextBridge.exposeInMainWorld('sinch', {
  methods,
  events: [...EVENT_NAMES],
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new Error(`Unknown event ${event}`);
    const channel = ipcEventChannel(event);
    const handler = (_e: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
});
