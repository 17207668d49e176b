/**
 * Sends every request of the built-in collection to the sandbox through the runner the app and
 * `sinch-explorer run` use, in the catalog's run order, as a user would: variables from a fixture
 * environment, captures feeding later requests, HTTP Basic with the demo key. Each template must
 * answer 2xx; a failure prints the template, the request as sent and the sandbox's answer. So the
 * catalog and the sandbox keep each other honest.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_COLLECTION, BUILTIN_RUN_ORDER } from '../../../shared/catalog/index';
import { flattenRequests } from '../../../shared/model/collection';
import { newEnvironment, type Environment } from '../../../shared/model/environment';
import type { SendResult } from '../../../shared/model/httpRequest';
import type { ResolvedRequest } from '../../../shared/variables';
import { HttpExecutor } from '../../../electron/backend/http/executor';
import { ResponseStore } from '../../../electron/backend/http/responseStore';
import { runCollection, type RunResult, type RunSummary } from '../../../electron/backend/runner/index';
import { sandboxPreparation } from '../../../electron/backend/runner/sandboxSteps';
import { startSandbox, type SandboxHandle } from '../../../electron/backend/sandbox/index';

const requests = flattenRequests(BUILTIN_COLLECTION.items).map((r) => r.request);

/** The executor the runner gets, remembering what it last put on the wire (for failure reports). */
class RecordingExecutor extends HttpExecutor {
  last: ResolvedRequest | null = null;
  override execute(req: ResolvedRequest, options: { timeoutMs: number; signal: AbortSignal }): Promise<SendResult> {
    this.last = req;
    return super.execute(req, options);
  }
}

let sandbox: SandboxHandle;
let receiver: Server;
let summary: RunSummary;
const sent = new Map<string, ResolvedRequest | null>();
const steps: string[] = [];

/** The environment a user would make for the sandbox, with callbacks landing on this test. */
function fixtureEnvironment(webhookPort: number): Environment {
  return {
    ...newEnvironment('env-catalog-sandbox', 'Catalog against the sandbox', 'custom'),
    customBaseUrl: sandbox.conversationUrl,
    customTemplateUrl: sandbox.templateUrl,
    projectId: sandbox.projectId,
    variables: [
      { key: 'webhook_target', value: `http://127.0.0.1:${webhookPort}/webhooks`, enabled: true },
      { key: 'accept_time', value: new Date(Date.now() - 60_000).toISOString(), enabled: true },
    ],
  };
}

function report(r: RunResult): string {
  const request = sent.get(r.id);
  const lines = [`${r.id} (${[...r.folderPath, r.name].join(' / ')})`, `  ${r.method} ${request?.url ?? r.url}`];
  if (request?.body) lines.push(`  body: ${request.body}`);
  lines.push(`  → ${r.status ?? r.errorCode ?? 'no answer'}: ${r.error ?? ''}`);
  if (r.responseBody) lines.push(`  response: ${r.responseBody}`);
  return lines.join('\n');
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, templatePort: 0, deliveryDelayMs: 5, callbackRetry: { attempts: 1, timeoutMs: 1000 } });
  // Callbacks of the created webhook land here, so no traffic leaves 127.0.0.1.
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const executor = new RecordingExecutor(new ResponseStore());
  summary = await runCollection({
    tree: BUILTIN_COLLECTION,
    order: BUILTIN_RUN_ORDER,
    environment: fixtureEnvironment((receiver.address() as AddressInfo).port),
    send: executor.execute.bind(executor),
    timeoutMs: 5000,
    authorize: () => `Basic ${Buffer.from(`${sandbox.keyId}:${sandbox.keySecret}`).toString('base64')}`,
    beforeRequest: sandboxPreparation(sandbox, (line) => steps.push(line)),
    onStart: () => {
      executor.last = null;
    },
    onResult: (r) => sent.set(r.id, executor.last),
  });
});

afterAll(async () => {
  await sandbox?.close();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
});

describe('built-in collection against the sandbox, through the runner', () => {
  it('sends every catalog request exactly once, in the run order', () => {
    expect(summary.results).toHaveLength(requests.length);
    expect(summary.results.map((r) => r.id)).toEqual([...BUILTIN_RUN_ORDER]);
    expect(summary.skipped).toBe(0);
  });

  it('plays the contact only where the API has no call: a STOP before Consents', () => {
    expect(steps).toEqual([expect.stringMatching(/^\+46700000001 texts STOP to \w+ /)]);
  });

  for (const id of BUILTIN_RUN_ORDER) {
    it(`${id} answers 2xx`, () => {
      const result = summary.results.find((r) => r.id === id);
      if (!result) throw new Error(`${id} was not sent`);
      if (!result.ok) throw new Error(report(result));
      expect(result.missed, `${id}: captures missed`).toEqual([]);
    });
  }
});
