/**
 * What a real contact does on their phone and the Conversation API has no call for, done in the
 * sandbox before the request that needs it, so a whole run of the built-in collection against a
 * sandbox can answer 2xx everywhere. Against production these happen for real (or not at all);
 * this is only ever used with a sandbox the caller started.
 *
 * - Consents › Get consent audit records lists an identity's opt-out history, which only an
 *   inbound "STOP" (origin MO) or the Batch API's POST /consents (another host) creates; with no
 *   history the API answers 404. So {{recipient_phone}} texts STOP on SMS first (before List
 *   opt-outs too, so that list shows it).
 */
import { resolveText, type VariableScope } from '../../../shared/variables';
import type { SandboxHandle } from '../sandbox/index';

export interface SandboxStep {
  /** The step runs once, before the first of these requests the run sends. */
  before: readonly string[];
  /** One line for a run's output, with `{{variables}}` as written. */
  description: string;
  run: (sandbox: Pick<SandboxHandle, 'simulateInbound'>, value: (name: string) => string) => Promise<void>;
}

export const SANDBOX_STEPS: readonly SandboxStep[] = [
  {
    before: ['consents.list', 'consents.auditRecords'],
    description: '{{recipient_phone}} texts STOP to {{app_id}} (an opt-out, so it has consent audit records)',
    run: async (sandbox, value) => {
      await sandbox.simulateInbound({ appId: value('app_id'), channel: 'SMS', identity: value('recipient_phone'), kind: 'text', text: 'STOP' });
    },
  },
];

/**
 * A runner `beforeRequest` that performs SANDBOX_STEPS against `sandbox` (one per run: make a new
 * one for each run); `report` hears each
 * step's description with the variables filled in, or why it could not be done. A step whose
 * variables are not set is skipped; either way the request is still sent and fails on its own.
 */
export function sandboxPreparation(
  sandbox: Pick<SandboxHandle, 'simulateInbound'>,
  report: (line: string) => void = () => undefined,
): (request: { id: string }, scope: VariableScope) => Promise<void> {
  const done = new Set<SandboxStep>();
  return async (request, scope) => {
    for (const step of SANDBOX_STEPS.filter((s) => s.before.includes(request.id) && !done.has(s))) {
      const described = resolveText(step.description, scope);
      if (described.unresolved.length > 0) continue;
      done.add(step);
      try {
        await step.run(sandbox, (name) => resolveText(`{{${name}}}`, scope).text);
        report(described.text);
      } catch (error) {
        // Never the run's end: the request goes out anyway and reports its own answer.
        report(`${described.text}: not done (${error instanceof Error ? error.message : String(error)})`);
      }
    }
  };
}
