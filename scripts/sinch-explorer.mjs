#!/usr/bin/env node
// The `sinch-explorer` bin: runs the TypeScript CLI directly through tsx, so it works from a
// clean clone after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/index.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
