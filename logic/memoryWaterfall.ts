// The compression waterfall's data: the engine's compressionSteps split into the five parts of the footprint,
// in one unit chosen from the capacity so the axis reads "GB" for Cloud Titan and "KiB" for Tiny Pioneer.
import { compressionSteps, TRACKS } from '../engine'
import type { Evaluation, Recipe, TrackId } from '../engine'
import { unitFor } from './format'

export const SEGMENTS = [
  { key: 'weightsBytes', name: 'Weights' },
  { key: 'quantMetadataBytes', name: 'Quant. metadata' },
  { key: 'sparseMetadataBytes', name: 'Sparse metadata' },
  { key: 'activationsBytes', name: 'Activations' },
  { key: 'kvCacheBytes', name: 'KV cache' },
] as const satisfies readonly { key: keyof Evaluation['memory']; name: string }[]

export interface WaterfallView {
  unit: string
  scale: number
  labels: string[]
  /** one series per segment, values in `unit` */
  series: { name: string; values: number[] }[]
  capacity: number // in `unit`
  totals: number[] // in `unit`
  fits: boolean[]
  /** 'fits' (all in the memory the track must fit), 'flash' (fits, but an MCU's weights stream from flash), 'oom' */
  placement: ('fits' | 'flash' | 'oom')[]
  steps: { label: string; evaluation: Evaluation }[]
}

export type Placement = 'fits' | 'flash' | 'oom'
/** Where the recipe's memory lands, in the words every readout uses (upper-cased for a verdict). */
export const PLACEMENT_WORD: Record<Placement, string> = { fits: 'fits', flash: 'weights in flash', oom: 'OOM' }

/** An MCU whose weights do not fit SRAM beside the activations reads them in place from flash: it runs, slowly. */
export function placementOf(e: Evaluation): Placement {
  if (!e.memory.fits) return 'oom'
  return e.memory.weightsLevel === 'flash' ? 'flash' : 'fits'
}

export function waterfallView(track: TrackId, recipe: Recipe): WaterfallView {
  const steps = compressionSteps(track, recipe)
  const capacityBytes = steps[0].evaluation.memory.capacityBytes
  const { unit, scale } = unitFor(capacityBytes, TRACKS[track].units.bytes)
  return {
    unit,
    scale,
    labels: steps.map((s) => s.label),
    series: SEGMENTS.map((seg) => ({ name: seg.name, values: steps.map((s) => s.evaluation.memory[seg.key] / scale) })),
    capacity: capacityBytes / scale,
    totals: steps.map((s) => s.evaluation.memory.totalBytes / scale),
    fits: steps.map((s) => s.evaluation.memory.fits),
    placement: steps.map((s) => placementOf(s.evaluation)),
    steps: steps.map((s) => ({ label: s.label, evaluation: s.evaluation })),
  }
}
