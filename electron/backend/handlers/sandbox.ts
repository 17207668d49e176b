import type { BackendContext, HandlerGroup } from '../context';

/** `sandbox.*`: the built-in offline Conversation API. */
export function sandboxHandlers({ sandbox }: Pick<BackendContext, 'sandbox'>): HandlerGroup<'sandbox'> {
  return {
    'sandbox.status': async () => sandbox.status(),
    'sandbox.start': async () => {
      await sandbox.ensureStarted();
      return sandbox.status();
    },
    'sandbox.stop': async () => {
      await sandbox.stop();
      return sandbox.status();
    },
    'sandbox.reset': async () => sandbox.reset(),
    'sandbox.dismissNotice': async () => sandbox.dismissNotice(),
    'sandbox.simulateInbound': async (input) => sandbox.simulateInbound(input),
  };
}
