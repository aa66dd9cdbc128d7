// The recipe's parameters, in one table: what each is called, its values or range and unit, the step a slider takes,
// the grid the sweep evaluates, and its default. validateRecipe, the URL state, the sweep, the part-2 game and every
// control read them here; nothing else declares a range, a step or a label of a recipe parameter.
// These are definitions of the lecture's instruments, not physics: no source is needed, and none is claimed.
import type { Precision, Recipe, SparsityPattern, TrackId } from './types'

export const TRACK_IDS: readonly TrackId[] = ['cloud', 'edge', 'mobile', 'tiny']

/** The student id that means "the track's own baseline model" in a recipe and a URL. */
export const BASELINE_ALIAS = 'baseline'

export const PRECISION = {
  id: 'precision',
  label: 'Precision',
  /** in falling bit order */
  values: ['fp16', 'int8', 'int4', 'binary'] as readonly Precision[],
  /** bits per weight of each format */
  bits: { fp16: 16, int8: 8, int4: 4, binary: 1 } as Readonly<Record<Precision, number>>,
  names: { fp16: 'FP16', int8: 'INT8', int4: 'INT4', binary: 'Binary' } as Readonly<Record<Precision, string>>,
  default: 'fp16' as Precision,
} as const

export const PATTERN = {
  id: 'pattern',
  label: 'Pattern',
  values: ['unstructured', '2:4', 'channels'] as readonly SparsityPattern[],
  names: { 'unstructured': 'unstructured', '2:4': '2:4', 'channels': 'channels' } as Readonly<Record<SparsityPattern, string>>,
  /** what the ratio counts for each pattern */
  ratioOf: { 'unstructured': 'of the weights', '2:4': 'of the weights', 'channels': 'of the work (whole filters)' } as Readonly<Record<SparsityPattern, string>>,
  /** 2:4 keeps two of every four weights: its pruning ratio is fixed */
  sparsityOf24: 0.5,
  default: 'unstructured' as SparsityPattern,
} as const

/** Fractions of weights pruned (0.3 = 30%); shown and put in URLs as whole percent. */
export const SPARSITY = {
  id: 'sparsity',
  label: 'Pruning ratio',
  unit: '%',
  min: 0,
  max: 0.9,
  /** the slider's step, and so the resolution of a try in the part-2 game */
  sliderStep: 0.01,
  /** the workbench's curve of speedup and accuracy against the ratio */
  curveStep: 0.05,
  /** the sweep behind the Pareto frontier (with 2:4 at its fixed ratio besides) */
  sweepStep: 0.1,
  default: 0,
} as const

export const TEMPERATURE = {
  id: 'temperature',
  label: 'Temperature T',
  min: 1,
  max: 20,
  sliderStep: 1,
  /** where the slider opens; each student's best T is computed (bestTemperature) */
  default: 4,
} as const

export const STUDENT = {
  id: 'student',
  label: 'Student',
  /** a model id as it may appear in a URL */
  idPattern: /^[\w.:-]{1,64}$/,
  default: BASELINE_ALIAS,
} as const

export const DISTILL = { id: 'distill', label: 'Distillation', default: false } as const

/** Evenly spaced values from min to max (inclusive), rounded to the step's decimals so 0.1·3 is 0.3. */
export function gridOf(min: number, max: number, step: number): number[] {
  const n = Math.round((max - min) / step)
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1)
  return Array.from({ length: n + 1 }, (_, i) => Number((min + i * step).toFixed(decimals)))
}

/** FP16, dense, the track's baseline model (by its alias), no distillation, the default temperature. */
export const BASELINE_RECIPE: Readonly<Recipe> = Object.freeze({
  precision: PRECISION.default, sparsity: SPARSITY.default, pattern: PATTERN.default,
  student: STUDENT.default, distill: DISTILL.default, temperature: TEMPERATURE.default,
})

/** The pruning ratios a pattern takes on a grid of `step` (the slider's for the game, the sweep's for the frontier): 2:4
 *  only its fixed ratio, the others every step above 0 up to the maximum. */
export function patternRatios(pattern: SparsityPattern, step: number): number[] {
  return pattern === '2:4' ? [PATTERN.sparsityOf24] : gridOf(step, SPARSITY.max, step)
}
