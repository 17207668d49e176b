/**
 * Big workspaces, as the user meets them: `npx tsx bench/workspace.bench.ts` (issue #14).
 * Two workspaces in the real on-disk format: 5,000 requests (10 collections × 10 folders) and the
 * peer, 5 requests. Through the real backend and browser host, in the system Chromium (driven
 * over a bare DevTools connection, see cdp.ts):
 * - open: a fresh page until the sidebar shows the workspace's last collection (goal ≤ 1.3× the
 *   5-request workspace), plus `collections.list` time and size, and the size of the outline a
 *   page asks for first (`collections.outline`; the requests in full follow on first need);
 * - save one request in place through `collections.saveRequest`, until its answer and its event
 *   (goal < 20 ms, and the page receives the change, not the whole tree);
 * - a request file edited on disk, until the page's store hears of it (report only).
 * Interleaved rounds, medians.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend, type Backend } from '../electron/backend/index';
import { startHost, type Host } from '../electron/host/server';
import { MemorySecretStore } from '../electron/backend/secrets/memoryStore';
import { BUILTIN_COLLECTION } from '../shared/catalog';
import {
  COLLECTION_FILE,
  FOLDER_FILE,
  REQUEST_SUFFIX,
  collectionFileText,
  folderFileText,
  requestFileText,
  slugify,
  uniqueEntryName,
} from '../shared/formats/collectionFile';
import { flattenRequests, type RequestTemplate } from '../shared/model/collection';
import { BareChromium } from './cdp';
import { QUICK, bytes, goal, median, ms } from './goals';

const ROUNDS = QUICK ? 2 : 5;
const SAVES = QUICK ? 10 : 40;
const rendererDir = process.env.SCE_RENDERER_DIR ?? fileURLToPath(new URL('../dist/renderer', import.meta.url));

const TEMPLATES = flattenRequests(BUILTIN_COLLECTION.items).map((r) => r.request);

/** Writes `total` requests as collections × folders, exactly as CollectionStore lays them out; returns the last collection's name. */
async function writeWorkspace(dir: string, total: number, collections: number, folders: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  let next = 0;
  let lastName = '';
  for (let c = 0; c < collections; c++) {
    const name = `Team workspace ${String(c + 1).padStart(2, '0')}`;
    lastName = name;
    const collectionDir = join(dir, slugify(name, 'collection'));
    await mkdir(collectionDir);
    const folderEntries: string[] = [];
    for (let f = 0; f < folders; f++) {
      const folderName = `Scenario ${c + 1}.${f + 1}`;
      const folderEntry = uniqueEntryName(slugify(folderName, 'folder'), '', [...folderEntries, COLLECTION_FILE]);
      folderEntries.push(folderEntry);
      await mkdir(join(collectionDir, folderEntry));
      const slot = c * folders + f;
      const count = Math.floor(total / (collections * folders)) + (slot < total % (collections * folders) ? 1 : 0);
      const entries: string[] = [];
      const writes: Promise<void>[] = [];
      for (let r = 0; r < count; r++) {
        const base = TEMPLATES[next % TEMPLATES.length] as RequestTemplate;
        const request: RequestTemplate = { ...structuredClone(base), id: randomUUID(), name: `${base.name} ${next}` };
        next++;
        const entry = uniqueEntryName(slugify(request.name, 'request'), REQUEST_SUFFIX, [...entries, FOLDER_FILE]);
        entries.push(entry);
        writes.push(writeFile(join(collectionDir, folderEntry, entry), requestFileText(request), { mode: 0o600 }));
      }
      await Promise.all(writes);
      await writeFile(join(collectionDir, folderEntry, FOLDER_FILE), folderFileText({ id: randomUUID(), name: folderName, description: '', order: entries }));
    }
    await writeFile(join(collectionDir, COLLECTION_FILE), collectionFileText({ id: randomUUID(), name, description: '', variables: [], order: folderEntries }));
  }
  return lastName;
}

interface Side {
  label: string;
  requests: number;
  lastCollection: string;
  workspaceDir: string;
  backend: Backend;
  host: Host;
  startMs: number;
  /** Every event the backend sent, with its JSON size. */
  events: Array<{ event: string; bytes: number; at: number }>;
}

async function side(root: string, label: string, requests: number, collections: number, folders: number): Promise<Side> {
  const workspaceDir = join(root, label, 'workspace');
  const lastCollection = await writeWorkspace(workspaceDir, requests, collections, folders);
  const t = performance.now();
  const backend = await createBackend({
    dataDir: join(root, label, 'data'),
    workspaceDir,
    host: 'browser',
    version: 'bench',
    keychain: new MemorySecretStore(),
  });
  const startMs = performance.now() - t;
  const host = await startHost({ backend, staticDir: rendererDir, port: 0 });
  const events: Side['events'] = [];
  backend.subscribe((event, payload) => events.push({ event, bytes: Buffer.byteLength(JSON.stringify(payload)), at: performance.now() }));
  return { label, requests, lastCollection, workspaceDir, backend, host, startMs, events };
}

/** A fresh window until the sidebar shows the workspace's last collection. */
function openToSidebar(browser: BareChromium, s: Side): Promise<number> {
  return browser.open(s.host.url, `document.querySelector('[role="treeitem"][aria-label="${s.lastCollection}"]')`);
}

async function main(): Promise<void> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.log(`workspace: no built page in ${rendererDir}; run "npm run build" first. Skipped.`);
    process.exitCode = 1;
    return;
  }
  const root = await mkdtemp(join(tmpdir(), 'sce-workspace-bench-'));
  const sides: Side[] = [];
  const browser = await BareChromium.launch();
  try {
    const big = await side(root, 'big', 5000, 10, 10);
    const small = await side(root, 'small', 5, 1, 1);
    sides.push(big, small);
    console.log(`workspace: 5,000 requests (backend start ${ms(big.startMs)}, read once and then watched) vs 5 requests (${ms(small.startMs)})`);

    // collections.list: every request in full (a page asks for it on first need: palette, filter, opening a request).
    const list = async (s: Side): Promise<{ ms: number; bytes: number }> => {
      const t = performance.now();
      const state = await s.backend.handlers['collections.list'](undefined);
      return { ms: performance.now() - t, bytes: Buffer.byteLength(JSON.stringify(state)) };
    };
    const listBig: number[] = [];
    const listSmall: number[] = [];
    let listBytes = 0;
    for (let i = 0; i < 5; i++) {
      const b = await list(big);
      listBig.push(b.ms);
      listBytes = b.bytes;
      listSmall.push((await list(small)).ms);
    }
    console.log(`collections.list: ${ms(median(listBig))} and ${bytes(listBytes)} for 5,000 requests, ${ms(median(listSmall))} for 5`);
    const outlineBytes = Buffer.byteLength(JSON.stringify(await big.backend.handlers['collections.outline'](undefined)));
    console.log(`collections.outline (what a page asks for when it opens): ${bytes(outlineBytes)} for 5,000 requests`);

    // Open to the sidebar, interleaved.
    await openToSidebar(browser, small);
    await openToSidebar(browser, big);
    const openBig: number[] = [];
    const openSmall: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      for (const s of i % 2 === 0 ? [big, small] : [small, big]) (s === big ? openBig : openSmall).push(await openToSidebar(browser, s));
    }
    const ob = median(openBig);
    const os = median(openSmall);
    goal('workspace open 5,000 requests to the sidebar', ms(ob), ms(os), ob / os, '≤ 1.3× 5 requests', ob / os <= 1.3);

    // Save one request in place: the answer, and what the page is sent.
    /** The first request of the first collection, and that collection: read once, outside the timing. */
    const target = async (s: Side): Promise<{ parentId: string; request: RequestTemplate }> => {
      const first = (await s.backend.handlers['collections.list'](undefined)).collections[0];
      const findRequest = (items: NonNullable<typeof first>['items']): RequestTemplate | undefined => {
        for (const item of items) {
          if (item.kind === 'request') return item.request;
          const inner = findRequest(item.items);
          if (inner) return inner;
        }
        return undefined;
      };
      const request = first ? findRequest(first.items) : undefined;
      if (!first || !request) throw new Error('no request to save');
      return { parentId: first.id, request };
    };
    const targets = new Map<Side, { parentId: string; request: RequestTemplate }>([
      [big, await target(big)],
      [small, await target(small)],
    ]);
    const save = async (s: Side, i: number): Promise<{ ms: number; eventBytes: number; events: string[] }> => {
      const { parentId, request } = targets.get(s) ?? (await target(s));
      const before = s.events.length;
      const t = performance.now();
      await s.backend.handlers['collections.saveRequest']({ parentId, request: { ...request, description: `Edited ${i}` } });
      const elapsed = performance.now() - t;
      const sent = s.events.slice(before).filter((e) => e.event.startsWith('collections.'));
      return { ms: elapsed, eventBytes: sent.reduce((n, e) => n + e.bytes, 0), events: sent.map((e) => e.event) };
    };
    const saveBig: number[] = [];
    const saveSmall: number[] = [];
    let bigEvent = { eventBytes: 0, events: [] as string[] };
    for (let i = 0; i < SAVES; i++) {
      const b = await save(big, i);
      saveBig.push(b.ms);
      bigEvent = b;
      saveSmall.push((await save(small, i)).ms);
    }
    const sb = median(saveBig);
    const ss = median(saveSmall);
    goal('workspace save one request (5,000 requests)', ms(sb), ms(ss), sb / ss, '< 20 ms', sb < 20);
    const deltaOnly = bigEvent.events.length === 1 && bigEvent.events[0] === 'collections.patched' && bigEvent.eventBytes < listBytes / 50;
    goal('workspace save: what the page is sent', bytes(bigEvent.eventBytes), bytes(listBytes), bigEvent.eventBytes / listBytes, 'a change only', deltaOnly);
    console.log(`save sends: ${bigEvent.events.join(', ') || 'nothing'} (${bytes(bigEvent.eventBytes)}); the whole tree is ${bytes(listBytes)}`);

    // A request file edited by hand: until the patch is emitted.
    await new Promise((r) => setTimeout(r, 600));
    const handEdits: number[] = [];
    const firstCollection = (await big.backend.handlers['collections.list'](undefined)).collections[0];
    const firstFolder = firstCollection?.items.find((i) => i.kind === 'folder');
    if (!firstCollection || firstFolder?.kind !== 'folder') throw new Error('no folder');
    const first = firstFolder.items[0];
    if (first?.kind !== 'request') throw new Error('no request');
    const file = join(
      big.workspaceDir,
      slugify(firstCollection.name, 'collection'),
      slugify(firstFolder.name, 'folder'),
      `${slugify(first.request.name, 'request')}${REQUEST_SUFFIX}`,
    );
    for (let i = 0; i < (QUICK ? 2 : 4); i++) {
      const text = JSON.parse(await readFile(file, 'utf8')) as { request: RequestTemplate };
      text.request.description = `Edited by hand ${i}`;
      const before = big.events.length;
      const t = performance.now();
      await writeFile(file, JSON.stringify(text, null, 2));
      const until = performance.now() + 5000;
      while (!big.events.slice(before).some((e) => e.event === 'collections.patched') && performance.now() < until) await new Promise((r) => setTimeout(r, 5));
      const arrived = big.events.slice(before).find((e) => e.event === 'collections.patched');
      handEdits.push(arrived ? arrived.at - t : NaN);
      await new Promise((r) => setTimeout(r, 600));
    }
    console.log(`a file edited on disk reaches the page as a patch in ${ms(median(handEdits))} (median; 75 ms of it is the watcher's debounce)`);
  } finally {
    await browser.close();
    for (const s of sides) {
      await s.host.close();
      await s.backend.close();
    }
    await rm(root, { recursive: true, force: true });
  }
}

await main();
