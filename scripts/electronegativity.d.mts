export type Severity = 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';

export interface Finding {
  id: string;
  severity: Severity;
  confidence: string;
  /** Relative to the scanned folder; null for a whole-app finding. */
  file: string | null;
  line: number | null;
  column: number | null;
  sample: string;
  description: string;
  url: string;
}

export interface Verdict {
  finding: Finding;
  explanation: string | null;
  /** Why this finding fails the check, or null when it may stay. */
  failure: string | null;
}

export function electronVersion(root: string): string;
export function parseCsv(text: string): string[][];
export function readFindings(csv: string): Finding[];
export function explanationFor(finding: Pick<Finding, 'id' | 'line'>, lines: string[]): string | null;
export function judge(findings: Finding[], readLines: (file: string) => string[] | null): { verdicts: Verdict[]; failed: boolean };
export function scan(options: { root: string; input: string; version: string; timeoutMs: number }): Finding[];
