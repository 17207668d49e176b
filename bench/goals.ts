/**
 * How the issue-14 benchmarks report: each goal as one `GOAL` line with our figure, the peer's
 * figure from the same run, the ratio and MET/NOT MET; bench/run.ts repeats those lines at the end.
 * BENCH_QUICK=1 makes every bench smaller and shorter (figures then are indicative only).
 */
export const QUICK = process.env.BENCH_QUICK === '1';

export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 0)} ms`;
}

export function bytes(value: number): string {
  return value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(2)} MB` : value >= 1024 ? `${(value / 1024).toFixed(1)} KB` : `${value} B`;
}

/** `GOAL <what>: ours, peer, ratio (ours ÷ peer), target, MET|NOT MET`. */
export function goal(what: string, ours: string, peer: string, ratio: number, target: string, met: boolean): boolean {
  const shown = Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—';
  console.log(
    `GOAL ${what.padEnd(44)} ours ${ours.padStart(10)}   peer ${peer.padStart(10)}   ratio ${shown.padStart(8)}   target ${target.padEnd(16)} ${met ? 'MET' : 'NOT MET'}`,
  );
  return met;
}
