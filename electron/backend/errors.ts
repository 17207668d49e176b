import type { ContractErrorShape } from '../../shared/contract';

/** An error meant for the user: its message says what went wrong and what to do next. */
export class BackendError extends Error {
  constructor(
    readonly code: ContractErrorShape['code'],
    message: string,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

export function toErrorShape(error: unknown): ContractErrorShape {
  if (error instanceof BackendError) return { code: error.code, message: error.message };
  // Unexpected failures keep their message but never their stack: the page is not a debugger.
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Unexpected error in the backend: ${message}` };
}
