/** "Did you mean …?" for misspelt config keys, enum values and rule IDs. */

const MAX_WORD = 64

/** The candidate closest to `word` by edit distance (case-insensitive), when it is close enough to be a typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const target = word.slice(0, MAX_WORD).toLowerCase()
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const distance = editDistance(target, candidate.slice(0, MAX_WORD).toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  // A third of the word, at least one edit: `fail_on` → `fail-on`, `DF01` → `DF001`, not `rules` → `exclude`.
  return best !== undefined && bestDistance > 0 && bestDistance <= Math.max(1, Math.floor(target.length / 3)) ? best : undefined
}

/** Levenshtein distance with adjacent transpositions counted as one edit; inputs are bounded by the caller. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)]
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      row[j] = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, substitution)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], rows[i - 2][j - 2] + 1)
    }
    rows.push(row)
  }
  return rows[a.length][b.length]
}
