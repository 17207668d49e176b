/** Scores a subsequence match: consecutive and word-start hits rank higher; -1 when no match. */
export function fuzzyScore(text: string, query: string): number {
  const t = text.toLowerCase();
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (q === '') return 0;
  let score = 0;
  let at = -1;
  for (const ch of q) {
    const next = t.indexOf(ch, at + 1);
    if (next < 0) return -1;
    score += next === at + 1 ? 3 : 1;
    if (next === 0 || /[\s/:._-]/.test(t[next - 1] ?? '')) score += 2;
    at = next;
  }
  return score - t.length / 100;
}
