/**
 * The collection runner against newman and a bare fetch loop: `npx tsx bench/runner.bench.ts`
 * (issue #14). One 500-request collection (list apps, list contacts, create a contact, in turn)
 * with {{variables}} for the host, project and token, sent in order against the same in-process
 * sandbox by: our runner (RunService, what `sinch-explorer run` uses, on the app's runner), newman's
 * library, and a `fetch` loop over the already resolved requests (the limit: no resolution, no
 * bookkeeping). Interleaved rounds, medians. Goal: ours ≥ 5× faster than newman.
 */
import { createRequire } from 'node:module';
import { createRunServices, startSimulator } from '../electron/backend/services/index';
import { newRequestTemplate, type CollectionTree, type RequestTemplate } from '../shared/model/collection';
import { Client } from '../tests/integration/sandbox/helpers';
import { QUICK, goal, median, ms } from './goals';

const REQUESTS = QUICK ? 100 : 500;
const ROUNDS = QUICK ? 1 : 3;

interface NewmanSummary {
  run: { stats: { requests: { total: number; failed: number } }; failures: unknown[] };
}
type NewmanRun = (
  options: { collection: object; reporters: string[]; insecure?: boolean },
  callback: (error: Error | null, summary: NewmanSummary) => void,
) => void;
const newman = createRequire(import.meta.url)('newman') as { run: NewmanRun };

interface Spec {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

function specs(): Spec[] {
  return Array.from({ length: REQUESTS }, (_, i): Spec => {
    switch (i % 3) {
      case 0:
        return { name: `List apps ${i}`, method: 'GET', path: '/apps' };
      case 1:
        return { name: `List contacts ${i}`, method: 'GET', path: '/contacts?page_size=5' };
      default:
        return {
          name: `Create contact ${i}`,
          method: 'POST',
          path: '/contacts',
          body: JSON.stringify({ channel_identities: [{ channel: 'SMS', identity: `+4670${String(i).padStart(7, '0')}` }], language: 'EN_US' }),
        };
    }
  });
}

function ourTree(list: Spec[], vars: Record<string, string>): CollectionTree {
  return {
    id: 'bench',
    name: 'Bench',
    description: '',
    readOnly: false,
    variables: Object.entries(vars).map(([key, value]) => ({ key, value, enabled: true })),
    items: list.map((s, i): { kind: 'request'; request: RequestTemplate } => ({
      kind: 'request',
      request: {
        ...newRequestTemplate(`r${i}`, s.name),
        method: s.method,
        url: `{{base_url}}/v1/projects/{{project_id}}${s.path}`,
        headers: [{ key: 'Authorization', value: 'Bearer {{token}}', enabled: true }],
        body: s.body ? { mode: 'json', text: s.body } : { mode: 'none', text: '' },
        auth: 'none',
      },
    })),
  };
}

function postmanCollection(list: Spec[], vars: Record<string, string>): object {
  return {
    info: { name: 'Bench', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    variable: Object.entries(vars).map(([key, value]) => ({ key, value })),
    item: list.map((s) => ({
      name: s.name,
      request: {
        method: s.method,
        url: `{{base_url}}/v1/projects/{{project_id}}${s.path}`,
        header: [{ key: 'Authorization', value: 'Bearer {{token}}' }, ...(s.body ? [{ key: 'Content-Type', value: 'application/json' }] : [])],
        ...(s.body ? { body: { mode: 'raw', raw: s.body, options: { raw: { language: 'json' } } } } : {}),
      },
    })),
  };
}

async function main(): Promise<void> {
  const sandbox = await startSimulator({ port: 0, templatePort: 0 });
  try {
    const client = new Client(sandbox);
    const token = await client.fetchToken();
    const vars = { base_url: sandbox.conversationUrl, project_id: sandbox.projectId, token };
    const list = specs();
    const tree = ourTree(list, vars);
    const collection = postmanCollection(list, vars);
    const { runner } = await createRunServices();
    // The collection's own variables say where, and each request carries its token.
    const target = { environment: null, auth: { mode: 'none' }, header: null, sandboxUrls: null, sandbox: null, close: async () => undefined } as const;

    const ours = async (): Promise<number> => {
      const summary = await runner.run({ tree, target });
      if (summary.failed > 0) throw new Error(`our runner: ${summary.failed} failed`);
      return summary.passed;
    };
    const viaNewman = (): Promise<number> =>
      new Promise((resolve, reject) =>
        newman.run({ collection, reporters: [] }, (error, summary) => {
          if (error) return reject(error);
          const { total, failed } = summary.run.stats.requests;
          if (failed > 0 || summary.run.failures.length > 0) return reject(new Error(`newman: ${failed} requests failed`));
          resolve(total);
        }),
      );
    const bare = async (): Promise<number> => {
      for (const s of list) {
        const res = await fetch(`${vars.base_url}/v1/projects/${vars.project_id}${s.path}`, {
          method: s.method,
          headers: { Authorization: `Bearer ${token}`, ...(s.body ? { 'Content-Type': 'application/json' } : {}) },
          body: s.body,
        });
        await res.text();
        if (!res.ok) throw new Error(`fetch: HTTP ${res.status}`);
      }
      return list.length;
    };

    const runners: Array<[string, () => Promise<number>]> = [
      ['ours', ours],
      ['newman', viaNewman],
      ['fetch', bare],
    ];
    const times: Record<string, number[]> = { ours: [], newman: [], fetch: [] };
    await ours();
    await bare();
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate who goes first each round.
      const order = [...runners.slice(round % 3), ...runners.slice(0, round % 3)];
      for (const [name, run] of order) {
        const start = performance.now();
        const sent = await run();
        times[name]?.push(performance.now() - start);
        if (sent !== REQUESTS) throw new Error(`${name} sent ${sent} of ${REQUESTS}`);
      }
    }
    const o = median(times['ours'] ?? []);
    const n = median(times['newman'] ?? []);
    const f = median(times['fetch'] ?? []);
    console.log(
      `runner: ${REQUESTS} requests against the sandbox, median of ${ROUNDS} interleaved rounds: ours ${ms(o)}, newman ${ms(n)}, bare fetch ${ms(f)}`,
    );
    goal(`runner ${REQUESTS} requests vs newman`, ms(o), ms(n), o / n, '≤ 0.20× (5× faster)', o / n <= 0.2);
    goal(`runner ${REQUESTS} requests vs bare fetch (the limit)`, ms(o), ms(f), o / f, 'report only', true);
  } finally {
    await sandbox.close();
  }
}

await main();
