// Bins for a number lock's class answers, drawn around what was answered and the viewer's key (not the whole slider
// range): "nice" steps, so 1.8, 1.9 and 2 and a key of 1.96 land in labelled neighbouring bins. Pure, tested.
import { fmt } from './lockGap'

export interface Bin { from: number; to: number; n: number; label: string; key: boolean; me: boolean }

const NICE = [1, 2, 2.5, 5]
/** The smallest "nice" step (1, 2, 2.5, 5 × 10^k) that covers `span` in at most `maxBins` bins. */
export function niceStep(span: number, maxBins: number): number {
  if (!(span > 0)) return 0.1
  const raw = span / maxBins
  const p = 10 ** Math.floor(Math.log10(raw))
  for (const m of NICE) if (m * p >= raw - 1e-12) return m * p
  return 10 * p
}

/** Bins over [lowest, highest] of the answers, the key and the viewer's answer, each [from, to) (the last closed),
 *  never finer than the input's own step (`minStep`: answers cannot be told apart below it). */
export function binsAround(values: number[], key: number, mine: number | null, minStep = 0, maxBins = 8): Bin[] {
  const xs = [...values, key, ...(mine === null ? [] : [mine])]
  const lo = Math.min(...xs), hi = Math.max(...xs)
  const step = Math.max(minStep, niceStep(hi - lo, maxBins))
  const start = Math.floor(lo / step + 1e-9) * step
  const n = Math.max(1, Math.floor((hi - start) / step + 1e-9) + 1)
  const at = (x: number) => Math.min(n - 1, Math.max(0, Math.floor((x - start) / step + 1e-9)))
  const bins: Bin[] = Array.from({ length: n }, (_, i) => {
    const from = start + i * step, to = from + step
    return { from, to, n: 0, label: `${fmt(from, 3)}–${fmt(to, 3)}`, key: false, me: false }
  })
  for (const v of values) bins[at(v)].n++
  bins[at(key)].key = true
  if (mine !== null) bins[at(mine)].me = true
  return bins
}
