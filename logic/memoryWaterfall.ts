// The compression waterfall's data: the engine's compressionSteps split into the five parts of the footprint,
// in one unit chosen from the capacity so the axis reads "GB" for Cloud Titan and "KiB" for Tiny Pioneer.
import { compressionSteps, placementWordsOn, TRACKS } from '../engine'
import type { Evaluation, Placement, PlacementWords, Recipe, TrackId } from '../engine'
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
  placement: Placement[]
  steps: { label: string; evaluation: Evaluation }[]
}

/** The machine's two memories by role (engine: Track.machine.levels = [main, on chip]), e.g. flash and SRAM. */
export function memoryNames(track: TrackId): { main: string; onChip: string } {
  const [main, onChip] = TRACKS[track].machine.levels
  return { main: main.name, onChip: onChip.name }
}

/** Where the recipe's memory lands on the track's machine (the engine's words: Placement). */
export function placementOf(track: TrackId, e: Evaluation): Placement {
  if (!e.memory.fits) return 'oom'
  const { main, onChip } = memoryNames(track)
  return TRACKS[track].machine.fitLevel === onChip && e.memory.weightsLevel === main ? 'streamed' : 'fits'
}

/** A placement in the engine's words (placementWordsOn), with the track's main memory named ('weights in flash'). */
export function placementWords(track: TrackId, p: Placement): PlacementWords {
  return placementWordsOn(memoryNames(track).main, p)
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
    placement: steps.map((s) => placementOf(track, s.evaluation)),
    steps: steps.map((s) => ({ label: s.label, evaluation: s.evaluation })),
  }
}
