// Display formatting: numbers with units, rounded to what the model can honestly claim (3 significant digits at most),
// with the engine's one significant-digit rounding (engine/format.ts), so a readout and a crisis sentence agree.
import { roundSig, sig } from '../engine'
import type { Track } from '../engine'

export { sig }

/** Significant digits as plain digits, for a KaTeX formula or a lock's label: no thousands separator (TeX sets a comma
 *  as punctuation, '1, 230'); non-finite values as JavaScript prints them. */
export function plainSig(x: number, digits = 3): string {
  // laid out, not String()ed: String(1.23e-7) is '1.23e-7', which a formula would set as text
  return Number.isFinite(x) ? roundSig(x, digits).toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: digits }) : String(x)
}

/**
 * How bytes are shown. Memory is quoted the way its own field quotes it: datacenter capacities in decimal units
 * (1 GB = 10⁹ B, as on the H100 datasheet), embedded SRAM and flash in binary units (1 KiB = 1024 B: "256 KiB of SRAM").
 * Each track names its convention (engine: `TRACKS[id].units.bytes`); composables/useByteFormat.ts binds it to the deck's track.
 */
export type ByteUnits = Track['units']['bytes']

const UNITS: Record<ByteUnits, { step: number; names: readonly string[] }> = {
  si: { step: 1000, names: ['B', 'KB', 'MB', 'GB', 'TB'] },
  iec: { step: 1024, names: ['B', 'KiB', 'MiB', 'GiB', 'TiB'] },
}

/** The largest unit in which `bytes` is at least 1, e.g. for a chart axis: { unit: 'GB', scale: 1e9 }. */
export function unitFor(bytes: number, units: ByteUnits): { unit: string; scale: number } {
  const { step, names } = UNITS[units]
  let i = 0
  while (Math.abs(bytes) >= step ** (i + 1) && i < names.length - 1) i++
  return { unit: names[i], scale: step ** i }
}

/**
 * Where a logarithmic axis of bytes puts its ticks: on round numbers of the track's own units (1-2-5 × 10ᵏ KiB on the
 * hearable, KB/MB/GB elsewhere), not on decimal powers that would read "97.7 KiB". `mantissas` chooses the density:
 * [1, 2, 5] by default, [1] for decades only, 1..9 for a narrow range.
 */
export function byteTicks(min: number, max: number, units: ByteUnits, mantissas: readonly number[] = [1, 2, 5]): number[] {
  const { step, names } = UNITS[units]
  const ticks = new Set<number>()
  for (let u = 0; u < names.length; u++) {
    for (const decade of [1, 10, 100]) {
      for (const m of mantissas) {
        const v = m * decade * step ** u
        if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) ticks.add(v)
      }
    }
  }
  return [...ticks].sort((a, b) => a - b)
}

export function formatBytes(bytes: number, units: ByteUnits): string {
  const { step, names } = UNITS[units]
  let i = 0
  let v = bytes
  while (Math.abs(v) >= step && i < names.length - 1) {
    v /= step
    i++
  }
  return `${sig(v)} ${names[i]}`
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

/** A value of the track's quality metric with its unit ('%' sticks to the number). */
export function formatMetric(value: number, unit: string): string {
  return withMetricUnit(sig(value), unit)
}
/** A metric already written (e.g. to as many digits as tell it from the floor) with its unit: 75.7%, 31.2 mAP. */
export function withMetricUnit(text: string, unit: string): string {
  return unit === '%' ? `${text}%` : `${text} ${unit}`
}

/** A budget's or check's value in its unit, bytes and joules scaled to a readable prefix. */
export function formatValue(value: number, unit: string, units: ByteUnits): string {
  if (unit === 'B' || unit === 'bytes') return formatBytes(value, units)
  if (unit === 'J') return formatJoules(value)
  if (unit === 'ms') return formatMs(value)
  return formatMetric(value, unit)
}

/** A count of parameters, e.g. 70.6 B, 3.5 M, 26.5 k (short scale). */
export function formatCount(n: number): string {
  if (Math.abs(n) >= 1e9) return `${sig(n / 1e9)} B`
  if (Math.abs(n) >= 1e6) return `${sig(n / 1e6)} M`
  if (Math.abs(n) >= 1e3) return `${sig(n / 1e3)} k`
  return sig(n)
}
