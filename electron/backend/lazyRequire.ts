import { createRequire } from 'node:module';

/**
 * A CommonJS package required on the first call, not when this module is imported: for the large
 * libraries only some actions need (Postman import, code generation, body checks), which would
 * otherwise add to every launch.
 */
export function lazyRequire<T>(id: string): () => T {
  let loaded: { module: T } | null = null;
  return () => (loaded ??= { module: createRequire(import.meta.url)(id) as T }).module;
}
