/** Figures the callback benchmarks print: each goal with ours, the peer's, the ratio and MET/NOT MET. */

export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function ratio(ours: number, peer: number): number {
  return peer === 0 ? (ours === 0 ? 1 : Infinity) : ours / peer;
}

/** `GOAL  <what>: ours X, peer Y, ratio Z× (target T)  MET|NOT MET`. */
export function verdictLine(what: string, ours: string, peer: string, r: number, target: string, met: boolean): string {
  const shown = Number.isFinite(r) ? `${r.toFixed(2)}×` : '—';
  return `GOAL ${what.padEnd(36)} ours ${ours.padStart(10)}   peer ${peer.padStart(10)}   ratio ${shown.padStart(7)}   target ${target.padEnd(10)} ${met ? 'MET' : 'NOT MET'}`;
}
