/**
 * Optimal length-limited prefix code lengths by package-merge (Larmore and Hirschberg, 1990):
 * for symbol counts `counts`, the code lengths of at most `maxLength` bits that minimise the
 * total size. Unused symbols (count 0) get length 0; a single used symbol gets length 1, and
 * formats that read it with 0 bits (WebP lossless) handle that case themselves. With two or
 * more used symbols the code is complete (Kraft sum exactly 1).
 *
 * Deterministic: ties are broken by symbol and then by package, never by sort stability.
 */
export function buildCodeLengths(counts: ArrayLike<number>, maxLength: number): Uint8Array {
  const lengths = new Uint8Array(counts.length);
  const leaves: number[] = [];
  for (let symbol = 0; symbol < counts.length; symbol++) if ((counts[symbol] ?? 0) > 0) leaves.push(symbol);
  if (leaves.length === 0) return lengths;
  if (leaves.length === 1) {
    lengths[leaves[0] ?? 0] = 1;
    return lengths;
  }
  if (leaves.length > 2 ** maxLength) {
    throw new RangeError(`${leaves.length} symbols do not fit a prefix code of at most ${maxLength} bits`);
  }
  leaves.sort((a, b) => (counts[a] ?? 0) - (counts[b] ?? 0) || a - b);

  // Items 0..n-1 are the leaves in sorted order; every later item is a package of two items.
  const weights: number[] = leaves.map((symbol) => counts[symbol] ?? 0);
  const firstChild: number[] = leaves.map(() => -1);
  const secondChild: number[] = leaves.map(() => -1);
  const leafItems = leaves.map((_, i) => i);
  let list = leafItems;
  for (let level = 1; level < maxLength; level++) {
    const packages: number[] = [];
    for (let i = 0; i + 1 < list.length; i += 2) {
      const a = list[i] ?? 0;
      const b = list[i + 1] ?? 0;
      packages.push(weights.length);
      weights.push((weights[a] ?? 0) + (weights[b] ?? 0));
      firstChild.push(a);
      secondChild.push(b);
    }
    list = mergeByWeight(leafItems, packages, weights);
  }

  // Each leaf's code length is the number of times it occurs in the first 2n - 2 items.
  const stack = list.slice(0, 2 * leaves.length - 2);
  while (stack.length > 0) {
    const item = stack.pop() ?? 0;
    const first = firstChild[item] ?? -1;
    if (first < 0) {
      const symbol = leaves[item] ?? 0;
      lengths[symbol] = (lengths[symbol] ?? 0) + 1;
    } else {
      stack.push(first, secondChild[item] ?? 0);
    }
  }
  return lengths;
}

/** Merges two lists sorted by weight; on equal weights the leaf comes first. */
function mergeByWeight(
  leaves: readonly number[],
  packages: readonly number[],
  weights: readonly number[],
): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < leaves.length || j < packages.length) {
    const leaf = leaves[i];
    const pack = packages[j];
    if (pack === undefined || (leaf !== undefined && (weights[leaf] ?? 0) <= (weights[pack] ?? 0))) {
      merged.push(leaf ?? 0);
      i++;
    } else {
      merged.push(pack);
      j++;
    }
  }
  return merged;
}
