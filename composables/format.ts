// Display formatting: numbers with units, rounded to what the model can honestly claim (3 significant digits at most).

/** Rounds to `digits` significant digits and drops trailing zeros. */
export function sig(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return '—'
  if (x === 0) return '0'
  return Number(x.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 })
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const
/** Decimal units (1 GB = 10⁹ B), as datasheets state memory capacity. */
export function formatBytes(bytes: number): string {
  let i = 0
  let v = bytes
  while (Math.abs(v) >= 1000 && i < BYTE_UNITS.length - 1) {
    v /= 1000
    i++
  }
  return `${sig(v)} ${BYTE_UNITS[i]}`
}

export function formatMs(ms: number): string {
  return ms < 1 ? `${sig(ms * 1000)} µs` : `${sig(ms)} ms`
}

export function formatJoules(j: number): string {
  const a = Math.abs(j)
  if (a >= 1) return `${sig(j)} J`
  if (a >= 1e-3) return `${sig(j * 1e3)} mJ`
  if (a >= 1e-6) return `${sig(j * 1e6)} µJ`
  return `${sig(j * 1e9)} nJ`
}

/** "2.0× smaller" style factor, always ≥ 1 with the direction in words. */
export function formatFactor(x: number, more: string, less: string): string {
  if (!Number.isFinite(x) || x <= 0) return '—'
  return x >= 1 ? `${sig(x, 2)}× ${more}` : `${sig(1 / x, 2)}× ${less}`
}

export function formatPercent(fraction: number): string {
  return `${sig(fraction * 100, 3)}%`
}
