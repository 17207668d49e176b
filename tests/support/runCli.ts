import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `sinch-explorer` bin, as a user runs it (the compiled CLI, or the sources when they are newer). */
export const BIN = fileURLToPath(new URL('../../scripts/sinch-explorer.mjs', import.meta.url));

/** Runs `sinch-explorer <args>` to its end: its exit code and everything it printed. */
export function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
