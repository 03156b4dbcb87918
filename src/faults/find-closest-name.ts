/**
 * The known name a misspelt one most likely meant, for a "did you mean" hint: the nearest by edit distance
 * (insertions, deletions, substitutions and swaps of two neighbours each count 1; case alone counts 1), if it
 * is within a third of that name's length (one slip in `code` or `delay`, two in `scenario`). Ties go to the
 * earlier name; undefined when nothing is close, or when the word is itself one of the names.
 *
 * @example
 * findClosestName('scenaro', ['code', 'scenario', 'delay']); // 'scenario'
 * findClosestName('colour', ['code', 'scenario', 'delay']); // undefined
 */
export function findClosestName(word: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    if (word === name) return undefined;
    const distance = Math.max(1, editDistance(word.toLowerCase(), name.toLowerCase()));
    if (distance <= Math.floor(name.length / 3) && distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance: Levenshtein plus the swap of two adjacent characters. */
export function editDistance(a: string, b: string): number {
  // rows[i][j]: the distance between the first i characters of a and the first j of b.
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      }
      row[j] = distance;
    }
  }
  return at(a.length, b.length);
}
