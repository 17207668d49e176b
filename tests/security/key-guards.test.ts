// Finding 1 of issue #10, beyond the sandbox: every place a key chosen by someone else is used to
// read or write an object property. `obj[key]` with `__proto__`, `constructor` or `toString`
// reaches the prototype: a variable named {{constructor}} resolved to "[object Object]", a capture
// path `constructor.name` captured "Object", a callback with a `constructor` payload key was
// classified as a trigger, and a `__proto__` request header vanished.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { parseFlags, UsageError } from '../../electron/cli/args';
import { main } from '../../electron/cli/index';
import { HttpExecutor } from '../../electron/backend/http/executor';
import { ResponseStore } from '../../electron/backend/http/responseStore';
import { readVersionedJson } from '../../electron/backend/storage/jsonFile';
import { readVersionedLine } from '../../electron/backend/storage/jsonLines';
import { readPath, runCaptures } from '../../shared/captures';
import { classifyTrigger, correlationOf } from '../../shared/model/webhookEvent';
import { findProtoKey, parseUntrustedJson } from '../../shared/safeObject';
import { buildScope, isDefined, resolveText } from '../../shared/variables';

const PROTO_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

describe('variables', () => {
  it.each(PROTO_NAMES)('{{%s}} is an undefined variable, not an inherited function', (name) => {
    const scope = buildScope(null);
    expect(isDefined(scope, name)).toBe(false);
    const result = resolveText(`a {{${name}}} b`, scope);
    expect(result.text).toBe(`a {{${name}}} b`);
    expect(result.unresolved).toEqual([name]);
  });

  it('a variable the user named "constructor" resolves to its own value', () => {
    const scope = buildScope(null, null, { globals: [{ key: 'constructor', value: 'mine', enabled: true }] });
    expect(resolveText('{{constructor}}', scope).text).toBe('mine');
  });
});

describe('captures', () => {
  it.each(['constructor', 'constructor.name', '__proto__', 'toString', 'a.constructor', 'a.__proto__.x'])(
    'path %s finds nothing in a body that does not have it',
    (path) => {
      expect(readPath({ a: { b: 1 } }, path)).toBeUndefined();
      const outcome = runCaptures([{ variable: 'v', from: 'body', path, enabled: true }], { status: 200, headers: [], bodyText: '{"a":{"b":1}}' });
      expect(outcome.captured).toEqual([]);
      expect(outcome.missed).toHaveLength(1);
    },
  );

  it('own keys with those names are still read', () => {
    expect(readPath(JSON.parse('{"constructor":{"name":"own"}}'), 'constructor.name')).toBe('own');
    expect(readPath([10, 20], '1')).toBe(20);
  });
});

describe('webhook callbacks', () => {
  it.each(PROTO_NAMES)('a "%s" payload key is not a trigger', (key) => {
    const json: unknown = JSON.parse(`{"${key}":{"app_id":"x"},"app_id":"a"}`);
    expect(classifyTrigger(json)).toBe('UNKNOWN');
    expect(correlationOf(json)).toEqual({ appId: 'a' });
  });
});

describe('CLI commands', () => {
  it.each(['constructor', '__proto__', 'toString'])('"sinch-explorer %s" is an unknown command', async (name) => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
    try {
      expect(await main([name])).toBe(1);
      expect(errors.join('\n')).toContain(`Unknown command "${name}"`);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('CLI flags', () => {
  it.each(['--constructor=x', '--__proto__=x', '--toString', '--hasOwnProperty=1'])('%s is an unknown option', (arg) => {
    expect(() => parseFlags([arg], { port: 'number' })).toThrow(UsageError);
  });
});

describe('outgoing request headers', () => {
  it('a header named __proto__ is sent like any other', async () => {
    let seen: string[] = [];
    const server = createServer((req, res) => {
      seen = req.rawHeaders;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const executor = new HttpExecutor(new ResponseStore());
      const result = await executor.execute(
        {
          method: 'GET',
          url: `http://127.0.0.1:${port}/`,
          headers: [
            { name: '__proto__', value: 'kept' },
            { name: 'constructor', value: 'also' },
          ],
          body: null,
          unresolved: [],
        },
        { timeoutMs: 5000, signal: new AbortController().signal },
      );
      expect(result.ok && result.response.status).toBe(200);
      expect(seen.join('\n')).toContain('__proto__\nkept');
      expect(seen.join('\n')).toContain('constructor\nalso');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('files and log lines read from disk', () => {
  it('a JSON file with a __proto__ key is reported with where it is, not loaded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sce-keys-'));
    try {
      const file = join(dir, 'env.json');
      await writeFile(file, '{"format":"f","version":1,"environment":{"name":"x","__proto__":{"isAdmin":true}}}');
      const result = await readVersionedJson(file, 'f', 1, z.object({ name: z.string() }), (f) => f['environment']);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain('environment.__proto__');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a history or webhook line with a __proto__ key is skipped as damaged', () => {
    expect(readVersionedLine('{"v":1,"type":"event","event":{"__proto__":{"x":1}}}', 1)).toBeNull();
    expect(readVersionedLine('{"v":1,"type":"event","event":{"id":"a"}}', 1)).not.toBeNull();
  });
});

describe('shared/safeObject', () => {
  it('finds a __proto__ key at any depth and names its path', () => {
    expect(findProtoKey(JSON.parse('{"a":[{"b":{"__proto__":1}}]}'))).toBe('a[0].b.__proto__');
    expect(findProtoKey(JSON.parse('{"constructor":{"prototype":1}}'))).toBeNull();
  });

  it('refuses nesting past the limit before parsing, and ignores brackets inside strings', () => {
    expect(parseUntrustedJson('[[[1]]]', 2)).toMatchObject({ ok: false });
    expect(parseUntrustedJson('["[[[[", "\\"[[["]', 2)).toEqual({ ok: true, value: ['[[[[', '"[[['] });
  });
});
