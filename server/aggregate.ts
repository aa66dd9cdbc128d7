// Aggregation of one round's answers into what a class may see after the reveal: counts only, no voter ids.
import type { LockDefinition } from '../engine/types.ts'
import type { Distribution, RatedAnswer } from './api.ts'
import type { AnswerRow } from './store.ts'
import type { TrackId } from '../engine/index.ts'

export const HISTOGRAM_BINS = 10

export function median(sorted: number[]): number | null {
  const n = sorted.length
  if (n === 0) return null
  const m = n >> 1
  return n % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
}

export function aggregate(def: LockDefinition, round: number, values: number[]): Distribution {
  const base = { poll: def.id, round, kind: def.kind, count: values.length }
  if (def.kind === 'choice') {
    const counts = new Array(def.options?.length ?? 4).fill(0)
    for (const v of values) if (counts[v] !== undefined) counts[v]++
    return { ...base, counts }
  }
  const { min, max, unit } = def.range!
  const width = (max - min) / HISTOGRAM_BINS
  const edges = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, i) => Number((min + i * width).toPrecision(6)))
  const counts = new Array(HISTOGRAM_BINS).fill(0)
  for (const v of values) counts[Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor((v - min) / width)))]++
  const sorted = [...values].sort((a, b) => a - b)
  return { ...base, histogram: { edges, counts }, values: sorted, median: median(sorted), unit }
}

/** Issue 22: each answer's value, confidence and track, without its voter, ordered by what it says (never by time). */
export function rated(rows: Pick<AnswerRow, 'value' | 'confidence' | 'track'>[]): RatedAnswer[] {
  const key = (r: RatedAnswer) => [r.value, r.confidence ?? -1, r.track ?? ''] as const
  return rows.map((r) => ({ value: r.value, confidence: r.confidence ?? null, track: (r.track ?? null) as TrackId | null }))
    .sort((a, b) => {
      const [x, y] = [key(a), key(b)]
      return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0)
    })
}
