import type { Capture } from './model/collection';
import type { Environment } from './model/environment';
import type { ResponseHeader } from './model/httpRequest';
import { hasOwn, MAX_JSON_DEPTH, valueDeeperThan } from './safeObject';

export interface CapturedValue {
  variable: string;
  value: string;
}

export interface CaptureOutcome {
  captured: CapturedValue[];
  /** Captures that found nothing, with why: shown to the user, never silently skipped. */
  missed: { variable: string; reason: string }[];
}

/** Reads `a.b.0.c` from parsed JSON; numbers index arrays. */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.').filter((p) => p !== '')) {
    if (current === null || typeof current !== 'object') return undefined;
    // Own keys only: `constructor.name` must not find "Object" in a body that has no constructor.
    if (!hasOwn(current, Array.isArray(current) ? Number(part) : part)) return undefined;
    current = Array.isArray(current) ? current[Number(part)] : (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Applies a request's captures to a response. Only 2xx responses capture. */
export function runCaptures(captures: readonly Capture[], response: { status: number; headers: readonly ResponseHeader[]; bodyText: string }): CaptureOutcome {
  const outcome: CaptureOutcome = { captured: [], missed: [] };
  const active = captures.filter((c) => c.enabled && c.variable.trim() !== '');
  if (active.length === 0) return outcome;
  if (response.status < 200 || response.status > 299) {
    for (const c of active) outcome.missed.push({ variable: c.variable, reason: `the response was ${response.status}, not 2xx` });
    return outcome;
  }
  let json: unknown;
  let jsonError: string | null = null;
  try {
    json = JSON.parse(response.bodyText);
  } catch {
    jsonError = 'the body is not JSON';
  }
  for (const capture of active) {
    const variable = capture.variable.trim();
    if (capture.from === 'status') {
      outcome.captured.push({ variable, value: String(response.status) });
      continue;
    }
    if (capture.from === 'header') {
      const header = response.headers.find((h) => h.name.toLowerCase() === capture.path.trim().toLowerCase());
      if (header) outcome.captured.push({ variable, value: header.value });
      else outcome.missed.push({ variable, reason: `no ${capture.path} header in the response` });
      continue;
    }
    if (jsonError) {
      outcome.missed.push({ variable, reason: jsonError });
      continue;
    }
    const found = readPath(json, capture.path.trim());
    if (found === undefined || found === null) outcome.missed.push({ variable, reason: `no "${capture.path}" in the response body` });
    // Writing it out recurses: a value nested past the app's JSON depth limit is not kept.
    else if (valueDeeperThan(found, MAX_JSON_DEPTH))
      outcome.missed.push({ variable, reason: `"${capture.path}" is nested deeper than ${MAX_JSON_DEPTH} levels` });
    else outcome.captured.push({ variable, value: typeof found === 'string' ? found : JSON.stringify(found) });
  }
  return outcome;
}

/**
 * Stores captured values in an environment: `project_id` and `app_id` go to their fields, anything
 * else to a variable (updated in place, or added enabled at the end).
 */
export function applyToEnvironment(env: Environment, values: readonly CapturedValue[]): Environment {
  let next: Environment = { ...env, variables: env.variables.map((v) => ({ ...v })) };
  for (const { variable, value } of values) {
    if (variable === 'project_id') next = { ...next, projectId: value };
    else if (variable === 'app_id') next = { ...next, appId: value };
    else {
      const existing = next.variables.find((v) => v.key.trim() === variable);
      if (existing) {
        existing.value = value;
        existing.enabled = true;
      } else next.variables.push({ key: variable, value, enabled: true });
    }
  }
  return next;
}
