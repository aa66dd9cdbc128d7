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
  placement: Placement[]
  steps: { label: string; evaluation: Evaluation }[]
}

/** Where the recipe's memory lands: 'fits' (all in the memory the track must fit), 'streamed' (it runs, but the weights
 *  are read in place from main memory, e.g. an MCU's flash, because on-chip memory holds only the activations), 'oom'. */
export type Placement = 'fits' | 'streamed' | 'oom'

/** The machine's two memories by role (engine: Track.machine.levels = [main, on chip]), e.g. flash and SRAM. */
export function memoryNames(track: TrackId): { main: string; onChip: string } {
  const [main, onChip] = TRACKS[track].machine.levels
  return { main: main.name, onChip: onChip.name }
}

export function placementOf(track: TrackId, e: Evaluation): Placement {
  if (!e.memory.fits) return 'oom'
  const { main, onChip } = memoryNames(track)
  return TRACKS[track].machine.fitLevel === onChip && e.memory.weightsLevel === main ? 'streamed' : 'fits'
}

/** A placement in the words every readout uses, one set per place: `word` beside a bar ('fits', 'weights in flash',
 *  'OOM'), `verdict` in a readout or a table cell (the word in capitals), `mark` over a bar that does not fit (short
 *  enough for one bar: 'OOM', 'FLASH'; none when it fits), `sentence` for what a recipe does on the machine ('fits',
 *  'runs only by streaming its weights from flash', 'does not fit'). */
export interface PlacementWords { word: string; verdict: string; mark: string; sentence: string }
export function placementWords(track: TrackId, p: Placement): PlacementWords {
  const main = memoryNames(track).main
  const w = {
    fits: { word: 'fits', mark: '', sentence: 'fits' },
    streamed: { word: `weights in ${main}`, mark: main.toUpperCase(), sentence: `runs only by streaming its weights from ${main}` },
    oom: { word: 'OOM', mark: 'OOM', sentence: 'does not fit' },
  }[p]
  return { ...w, verdict: w.word.toUpperCase() }
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
