// The recipe's parameters, in one table (as TensorFlow Playground's State.PROPS): each entry carries its key, label, unit,
// values or range and steps, its default, its URL coding, its formatter and the check of a value. validateRecipe, the
// URL state, the sweep, the part-2 game, the controls, the ledger's export and the lessons tables loop over PARAMS or
// read an entry; nothing else declares a range, a step, a label or a query key of a recipe parameter.
// These are definitions of the lecture's instruments, not physics: no source is needed, and none is claimed.
import type { Precision, Recipe, SparsityPattern, TrackId } from './types'
import { PATTERN_NAMES, PRECISION_NAMES, percent, wholePercent } from './words'

export const TRACK_IDS: readonly TrackId[] = ['cloud', 'edge', 'mobile', 'tiny']
/** Whether `v` is one of the four track ids: the one test, for the URL, the engine's validation, the class service and
 *  a viewer's stored choice. */
export const isTrackId = (v: unknown): v is TrackId => typeof v === 'string' && (TRACK_IDS as readonly string[]).includes(v)
/** The track a deck shows before its viewer chooses one: the first of the lecture's four. */
export const DEFAULT_TRACK: TrackId = TRACK_IDS[0]

/** The student id that means "the track's own baseline model" in a recipe and a URL. */
export const BASELINE_ALIAS = 'baseline'

/** One recipe parameter: what the validation, the URL, the controls and the exports need to know of it. */
export interface Param<K extends keyof Recipe = keyof Recipe> {
  /** the recipe field, and the query key of a shared link (?precision=int4) */
  key: K
  /** the control's label and the exports' column heading */
  label: string
  /** the unit a value is shown in ('' when it has none) */
  unit: string
  default: Recipe[K]
  /** why `v` is not a value of this parameter (the engine's message), or null when it is; cross-field rules (2:4 pins
   *  the ratio, the student is one of the track's models) are validateRecipe's */
  problem(v: unknown): string | null
  /** the query value of a value, and the value of a query value (undefined when it is none: `expects` says what is) */
  toQuery(v: Recipe[K]): string
  fromQuery(raw: string): Recipe[K] | undefined
  expects: string
  /** the value in words, as a table cell shows it */
  format(v: Recipe[K]): string
}

const list = (values: readonly unknown[]) => values.join(', ')

/** A parameter that takes one of a list of strings (precision, pattern). */
function choice<K extends 'precision' | 'pattern'>(key: K, label: string, values: readonly Recipe[K][], names: Readonly<Record<Recipe[K], string>>, dflt: Recipe[K], quote: (v: string) => string) {
  const is = (v: unknown): v is Recipe[K] => typeof v === 'string' && (values as readonly string[]).includes(v)
  return {
    key, label, unit: '', values, names, default: dflt,
    problem: (v: unknown) => (is(v) ? null : `unknown ${key} ${JSON.stringify(v)}; expected one of ${values.map(quote).join(', ')}`),
    toQuery: (v: Recipe[K]) => v,
    fromQuery: (raw: string) => (is(raw) ? raw : undefined),
    expects: `is not one of ${list(values)}`,
    format: (v: Recipe[K]) => names[v],
  }
}

/** A number within [min, max], put in a URL times `scale` (a ratio travels as whole percent: sparsity=50). */
function range<K extends 'sparsity' | 'temperature'>(key: K, p: { label: string; unit: string; min: number; max: number; default: number; scale: number; format: (v: number) => string }) {
  const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
  const inRange = (v: number) => v >= p.min && v <= p.max
  return {
    key, ...p,
    problem: (v: unknown) => (!finite(v) ? `must be a finite number, got ${String(v)}` : inRange(v) ? null : `must be between ${p.min} and ${p.max}, got ${v}`),
    toQuery: (v: number) => String(p.scale === 1 ? v : Math.round(v * p.scale)),
    fromQuery: (raw: string) => {
      const v = Number(raw) / p.scale
      return raw.trim() !== '' && Number.isFinite(v) && inRange(v) ? v : undefined
    },
    expects: `is not a number from ${p.min * p.scale} to ${p.max * p.scale}`,
  }
}

export const PRECISION = {
  ...choice('precision', 'Precision', ['fp16', 'int8', 'int4', 'binary'] as readonly Precision[], PRECISION_NAMES, 'fp16', String),
  /** bits per weight of each format (the values are in falling bit order) */
  bits: { fp16: 16, int8: 8, int4: 4, binary: 1 } as Readonly<Record<Precision, number>>,
} as const

export const PATTERN = {
  ...choice('pattern', 'Pattern', ['unstructured', '2:4', 'channels'] as readonly SparsityPattern[], PATTERN_NAMES, 'unstructured', (p) => `'${p}'`),
  /** what the ratio counts for each pattern */
  ratioOf: { 'unstructured': 'of the weights', '2:4': 'of the weights', 'channels': 'of the work (whole filters)' } as Readonly<Record<SparsityPattern, string>>,
  /** 2:4 keeps two of every four weights: its pruning ratio is fixed */
  sparsityOf24: 0.5,
} as const

const RATIO = range('sparsity', { label: 'Pruning ratio', unit: '%', min: 0, max: 0.9, default: 0, scale: 100, format: percent })
const RATIO_SLIDER_STEP = 0.01
/** Fractions of weights pruned (0.3 = 30%); shown, typed on the slider and put in URLs as whole percent. */
export const SPARSITY = {
  ...RATIO,
  /** the slider's step, and so the resolution of a try in the part-2 game */
  sliderStep: RATIO_SLIDER_STEP,
  /** the workbench's curve of speedup and accuracy against the ratio */
  curveStep: 0.05,
  /** the sweep behind the Pareto frontier (with 2:4 at its fixed ratio besides) */
  sweepStep: 0.1,
  /** the slider in the unit it shows (whole percent): its min, max and step, and the ratio of a slider value */
  slider: { min: wholePercent(RATIO.min), max: wholePercent(RATIO.max), step: wholePercent(RATIO_SLIDER_STEP), toRatio: (v: number) => v / RATIO.scale },
} as const

export const TEMPERATURE = {
  // '' unit: T is a pure number (it divides the logits)
  ...range('temperature', { label: 'Temperature T', unit: '', min: 1, max: 20, default: 4, scale: 1, format: String }),
  sliderStep: 1,
} as const

const MODEL_ID = /^[\w.:-]{1,64}$/
export const STUDENT = {
  key: 'student', label: 'Student', unit: '', default: BASELINE_ALIAS,
  /** a model id as it may appear in a URL */
  idPattern: MODEL_ID,
  problem: (v: unknown) => (typeof v === 'string' ? null : 'must be a model id string'),
  toQuery: (v: string) => v,
  fromQuery: (raw: string) => (MODEL_ID.test(raw) ? raw : undefined),
  expects: 'is not a model id',
  format: (v: string) => v,
} as const

export const DISTILL = {
  key: 'distill', label: 'Distillation', unit: '', default: false,
  /** off before on: the sweep lists the simpler recipe first */
  values: [false, true] as readonly boolean[],
  /** the control's words: the checkbox says what ticking it does */
  prompt: 'Train with distillation from the teacher',
  problem: (v: unknown) => (typeof v === 'boolean' ? null : `must be true or false, got ${String(v)}`),
  toQuery: (v: boolean) => (v ? '1' : '0'),
  fromQuery: (raw: string) => (raw === '1' ? true : raw === '0' ? false : undefined),
  expects: 'is not one of 0, 1',
  format: (v: boolean) => (v ? 'yes' : 'no'),
} as const

/** The table, in the recipe's order (the order validation reports the first bad field in). */
export const PARAMS = [PRECISION, SPARSITY, PATTERN, STUDENT, DISTILL, TEMPERATURE] as const satisfies readonly Param[]

/** Evenly spaced values from min to max (inclusive), rounded to the step's decimals so 0.1·3 is 0.3. */
export function gridOf(min: number, max: number, step: number): number[] {
  const n = Math.round((max - min) / step)
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1)
  return Array.from({ length: n + 1 }, (_, i) => Number((min + i * step).toFixed(decimals)))
}

/** FP16, dense, the track's baseline model (by its alias), no distillation, the default temperature. */
export const BASELINE_RECIPE: Readonly<Recipe> = Object.freeze(Object.fromEntries(PARAMS.map((p) => [p.key, p.default])) as unknown as Recipe)

/** The pruning ratios a pattern takes on a grid of `step` (the slider's for the game, the sweep's for the frontier): 2:4
 *  only its fixed ratio, the others every step above 0 up to the maximum. */
export function patternRatios(pattern: SparsityPattern, step: number): number[] {
  return pattern === '2:4' ? [PATTERN.sparsityOf24] : gridOf(step, SPARSITY.max, step)
}
