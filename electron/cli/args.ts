/** A small, strict flag parser: unknown flags are errors, so typos never pass silently. */
export interface FlagSpec {
  [name: string]: 'string' | 'number' | 'boolean';
}

export type ParsedFlags<S extends FlagSpec> = {
  [K in keyof S]?: S[K] extends 'number' ? number : S[K] extends 'boolean' ? boolean : string;
} & { _: string[] };

export class UsageError extends Error {}

export function parseFlags<S extends FlagSpec>(argv: readonly string[], spec: S): ParsedFlags<S> {
  const out: Record<string, unknown> = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      (out._ as string[]).push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const rawName = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const known = (n: string): FlagSpec[string] | undefined => (Object.prototype.hasOwnProperty.call(spec, n) ? spec[n] : undefined);
    const negated = rawName.startsWith('no-') && known(rawName.slice(3)) === 'boolean';
    const name = negated ? rawName.slice(3) : rawName;
    const kind = known(name);
    if (!kind) throw new UsageError(`Unknown option --${rawName}.`);
    if (kind === 'boolean') {
      out[name] = !negated;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value.`);
    if (kind === 'number') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number (got "${value}").`);
      out[name] = n;
    } else {
      out[name] = value;
    }
  }
  return out as ParsedFlags<S>;
}
