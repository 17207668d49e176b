/**
 * The request path at loopback speed: `npx tsx bench/http.bench.ts`. Sends a bounded number of
 * requests through the real executor to a real server on 127.0.0.1 (one at a time, then 50 at a
 * time) and resolves the whole built-in catalog's variables; prints figures and ratios, asserts
 * nothing. The ratio compares the executor with a bare node:http client on the same server.
 */
import { request as rawRequest } from 'node:http';
import { createSendServices } from '../electron/backend/services/index';
import { BUILTIN_COLLECTION } from '../shared/catalog';
import { flattenRequests } from '../shared/model/collection';
import { newEnvironment } from '../shared/model/environment';
import { buildScope, resolveRequest } from '../shared/variables';
import { startEchoServer } from '../tests/support/echoServer';

const SEQUENTIAL = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = 50;

function bare(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = rawRequest(url, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end();
  });
}

async function main(): Promise<void> {
  const echo = await startEchoServer();
  const { executor } = (await createSendServices({ bodies: 20, bytes: 64 * 1024 * 1024 })).transport;
  const signal = new AbortController().signal;
  const one = () => executor.execute({ method: 'GET', url: `${echo.url}/bench`, headers: [], body: null, unresolved: [] }, { timeoutMs: 5000, signal });
  try {
    for (let i = 0; i < 50; i++) await one();
    let t = performance.now();
    for (let i = 0; i < SEQUENTIAL; i++) await bare(`${echo.url}/bench`);
    const bareMs = performance.now() - t;
    t = performance.now();
    for (let i = 0; i < SEQUENTIAL; i++) await one();
    const execMs = performance.now() - t;
    console.log(`sequential: ${SEQUENTIAL} requests`);
    console.log(`  bare node:http      ${(bareMs / SEQUENTIAL).toFixed(3)} ms/request  ${((SEQUENTIAL / bareMs) * 1000).toFixed(0)} req/s`);
    console.log(
      `  executor            ${(execMs / SEQUENTIAL).toFixed(3)} ms/request  ${((SEQUENTIAL / execMs) * 1000).toFixed(0)} req/s   ratio ${(execMs / bareMs).toFixed(2)}× bare`,
    );

    t = performance.now();
    let sent = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (sent < SEQUENTIAL) {
          sent++;
          await one();
        }
      }),
    );
    const concurrentMs = performance.now() - t;
    console.log(`  executor, ${CONCURRENCY} at a time ${((SEQUENTIAL / concurrentMs) * 1000).toFixed(0)} req/s`);

    const env = { ...newEnvironment('bench', 'Bench', 'eu'), projectId: 'p', appId: 'a' };
    const requests = flattenRequests(BUILTIN_COLLECTION.items);
    const scope = buildScope(env, null, { collection: BUILTIN_COLLECTION.variables });
    t = performance.now();
    const rounds = 200;
    for (let i = 0; i < rounds; i++) for (const { request } of requests) resolveRequest(request, scope);
    const perCatalog = (performance.now() - t) / rounds;
    console.log(
      `resolve every catalog request (${requests.length}): ${perCatalog.toFixed(3)} ms per catalog, ${(perCatalog / 16).toFixed(3)} × one 60 Hz frame`,
    );
  } finally {
    await echo.close();
  }
}

void main();
