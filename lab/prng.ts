// Seeded pseudo-random numbers. mulberry32: 32-bit state, integer-only update, so the sequence is the same on
// every JavaScript engine; the Gaussian uses Box–Muller (Math.log/sqrt/cos are deterministic within V8).

export interface Rng {
  /** uniform in [0, 1) */
  next(): number
  /** standard normal */
  normal(): number
  /** integer in [0, n) */
  int(n: number): number
}

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0
  let spare: number | null = null
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const normal = () => {
    if (spare !== null) {
      const s = spare
      spare = null
      return s
    }
    let u = next()
    while (u === 0) u = next()
    const v = next()
    const r = Math.sqrt(-2 * Math.log(u))
    spare = r * Math.sin(2 * Math.PI * v)
    return r * Math.cos(2 * Math.PI * v)
  }
  return { next, normal, int: (n: number) => Math.floor(next() * n) }
}

/** Fisher–Yates shuffle of 0..n-1 with the given generator. */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n)
  for (let i = 0; i < n; i++) p[i] = i
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    const t = p[i]
    p[i] = p[j]
    p[j] = t
  }
  return p
}
