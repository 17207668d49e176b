import type { ContractClient, EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../../../shared/contract';

type Handler<M extends MethodName> = (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type Handlers = { [M in MethodName]?: Handler<M> };

/**
 * A contract client for slice tests: answers the methods given to `answer` (typed by the contract), fails any
 * other as the backend would, records every call, and delivers the events handed to `emit`.
 */
export function fakeContract() {
  let handlers: Handlers = {};
  const calls: { method: MethodName; input: unknown }[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
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
    /** Replaces the answers and forgets earlier calls. */
    answer(next: Handlers): void {
      handlers = next;
      calls.length = 0;
    },
    /** The inputs of the calls made to `method`, in order. */
    callsTo<M extends MethodName>(method: M): MethodInput<M>[] {
      return calls.filter((c) => c.method === method).map((c) => c.input as MethodInput<M>);
    },
    methodsCalled(): MethodName[] {
      return calls.map((c) => c.method);
    },
    emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    listenerCount(event: EventName): number {
      return listeners.get(event)?.size ?? 0;
    },
  };
}

export type FakeContract = ReturnType<typeof fakeContract>;

/** A promise settled from outside: to let one answer arrive after another. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Lets pending promise callbacks (the slices' awaits) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
