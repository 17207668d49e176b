/**
 * Lets timers and I/O run: the caller goes on in a later turn of the event loop. For long work on
 * user input (an import of thousands of requests), which must not keep the backend (the webhook
 * listener, the sandbox, the page's other calls) waiting.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
