import { join } from 'node:path';
import { z } from 'zod';
import { toJsonFile, writeFileAtomic } from '../storage/atomicFile';
import { readVersionedJson } from '../storage/jsonFile';

const FORMAT = 'sinch-explorer/tunnel';
const TunnelFileSchema = z.object({ pastedUrl: z.string().url().max(2048).nullable() }).strict();

/** The URL the user's own tunnel forwards, in `<dataDir>/tunnel.json` (not a secret). */
export function pastedUrlFile(dataDir: string): { load: () => Promise<string | null>; save: (url: string | null) => Promise<void> } {
  const path = join(dataDir, 'tunnel.json');
  return {
    async load() {
      const read = await readVersionedJson(path, FORMAT, 1, TunnelFileSchema, (f) => f.tunnel);
      return read.ok ? read.value.pastedUrl : null;
    },
    async save(url) {
      await writeFileAtomic(path, toJsonFile({ format: FORMAT, version: 1, tunnel: { pastedUrl: url } }));
    },
  };
}
