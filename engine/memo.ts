// The engine's memo caches, registered in one place so a benchmark can measure a cold sweep (resetCaches).
const caches: Map<unknown, unknown>[] = []

/** A new memo cache, emptied by resetCaches(). */
export function memo<K, V>(): Map<K, V> {
  const m = new Map<K, V>()
  caches.push(m as Map<unknown, unknown>)
  return m
}

/** Empties every memo cache (for benchmarks of a cold sweep). */
export function resetCaches(): void {
  for (const c of caches) c.clear()
}
