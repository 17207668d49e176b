import type { ContractClient, EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../../../shared/contract';

type Handler<M extends MethodName> = (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type Handlers = { [M in MethodName]?: Handler<M> };

/**
 * A contract client for slice tests: answers the methods given to `answer`, fails any other as the
 * backend would for an unknown method, records every call, and delivers events handed to `emit`.
 */
export function fakeContract() {
  let handlers: Handlers = {};
  const calls: { method: MethodName; input: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const client: ContractClient = {
    async call<M extends MethodName>(method: M, ...input: undefined extends MethodInput<M> ? [MethodInput<M>?] : [MethodInput<M>]): Promise<MethodOutput<M>> {
      calls.push({ method, input: input[0] });
      const handler = handlers[method];
      if (!handler) throw new Error(`fake contract: no answer for ${method}`);
      return handler(input[0] as MethodInput<M>);
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = (payload: unknown): void => listener(payload as EventPayload<E>);
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
  return {
    client,
    calls,
    /** Replaces the answers (and forgets earlier calls). */
    answer(next: Handlers): void {
      handlers = next;
      calls.length = 0;
    },
    callsTo(method: MethodName): unknown[] {
      return calls.filter((c) => c.method === method).map((c) => c.input);
    },
    emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}

/** A promise settled from outside: to let one answer arrive after another. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
