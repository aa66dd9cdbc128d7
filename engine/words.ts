// The deck's words for the recipe and its verdicts, in one place: the engine's texts (labels, waterfall steps, lesson
// tables) and, through engine/index.ts, every view spell a precision, a pattern, a percentage, a temperature, a
// memory placement or a verdict from here, so one state never reads two ways ("VETO" on one workbench, "FAIL" on the next).
// A leaf module (types and engine/format.ts only): engine/params.ts builds each parameter's formatter from it.
import { sig } from './format'
import type { Precision, SparsityPattern } from './types'

/** The name each precision goes by on a slide. */
export const PRECISION_NAMES: Readonly<Record<Precision, string>> = { fp16: 'FP16', int8: 'INT8', int4: 'INT4', binary: 'Binary' }
/** The name each pruning pattern goes by on a slide. */
export const PATTERN_NAMES: Readonly<Record<SparsityPattern, string>> = { 'unstructured': 'unstructured', '2:4': '2:4', 'channels': 'channels' }

export const precisionName = (p: Precision): string => PRECISION_NAMES[p]
export const patternName = (p: SparsityPattern): string => PATTERN_NAMES[p]

/** A fraction in whole percent, as a number (0.305 → 31): how ratios are shown, typed and put in URLs. */
export const wholePercent = (fraction: number): number => Math.round(fraction * 100)
/** A fraction as the deck prints it: whole percent with its sign (0.3 → '30%'). */
export const percent = (fraction: number): string => `${wholePercent(fraction)}%`
/** A share of a whole (of the energy, of the room's answers): whole percent, and "<1%" for a part that is there but
 *  rounds to nothing. */
export const shareText = (share: number): string => (share > 0 && share < 0.005 ? '<1%' : percent(share))
/** A fraction in percent to `digits` significant digits, where a measured or modelled figure is quoted ('0.29%'). */
export const percentSig = (fraction: number, digits = 3): string => `${sig(fraction * 100, digits)}%`
/** A fraction in percent with a fixed number of decimals ('93.4%', '10.0%'), where measured figures stand in a table's
 *  column and a tenth of a point between two cells is the result (the lab's accuracies). */
export const percentFixed = (fraction: number, decimals: number): string => `${(fraction * 100).toFixed(decimals)}%`

/** A pruning ratio with its pattern: '50% 2:4', '30% unstructured'. */
export const pruningText = (sparsity: number, pattern: SparsityPattern): string => `${percent(sparsity)} ${patternName(pattern)}`
/** A distillation temperature as every label writes it: 'T = 4'. */
export const temperatureText = (t: number): string => `T = ${t}`

/**
 * Verdicts. A budget passes or fails; the accuracy floor is the stakeholder's, and falling below it is a veto: one word,
 * wherever the floor is judged (the workbenches, the bits table, the ledger's accuracy row).
 */
export const VERDICT = { pass: 'PASS', fail: 'FAIL', veto: 'VETO' } as const
export type VerdictWord = typeof VERDICT[keyof typeof VERDICT]
/** The name of the budget whose failure is the stakeholder's veto (the tracks' `budgets` entry, and its check's name). */
export const FLOOR_BUDGET = 'accuracy'
/** The stakeholder's accuracy floor by name: `title` on a chart's legend or a heading, `words` within a sentence, `short`
 *  beside the accuracy it judges ('Accuracy 93% · floor 94%'). The storyboard calls it the "safety threshold" once and
 *  the "Stakeholder Accuracy Veto" when it is crossed; the deck names it for what it judges. */
export const FLOOR_NAME = { title: 'Accuracy floor', words: 'accuracy floor', short: 'floor' } as const

/** A budget check's verdict: PASS, FAIL, or VETO for the accuracy floor. */
export function verdictWord(check: { name: string; pass: boolean }): VerdictWord {
  return check.pass ? VERDICT.pass : check.name === FLOOR_BUDGET ? VERDICT.veto : VERDICT.fail
}
/** A recipe under the floor, in a sentence or a list: the veto's words where there is no room for a verdict column. */
export const BELOW_FLOOR = `below the ${FLOOR_NAME.words}`
/** The accuracy floor's verdict alone (a readout that judges only accuracy). */
export const floorVerdict = (meets: boolean): VerdictWord => (meets ? VERDICT.pass : VERDICT.veto)

/** A recipe in spec (every budget passes) or out of it, in the words of a sentence or a label. */
export const SPEC_WORDS = { in: 'in spec', out: 'out of spec' } as const
/** The contract's verdict alone, in capitals as every verdict ('IN SPEC', 'OUT OF SPEC'). */
export const specVerdict = (inSpec: boolean): string => (inSpec ? SPEC_WORDS.in : SPEC_WORDS.out).toUpperCase()
/** The contract's verdict with its reason, from the first failing budget (evaluate()'s `binding`, null when none fails):
 *  'IN SPEC: every budget passes', 'OUT OF SPEC: latency fails first'. */
export const specVerdictText = (binding: string | null): string =>
  binding === null ? `${specVerdict(true)}: every budget passes` : `${specVerdict(false)}: ${binding} fails first`

/**
 * Placement: where a recipe's memory lands. 'fits' (all in the memory the track must fit), 'streamed' (it runs, but the
 * weights are read in place from main memory, e.g. an MCU's flash, because on-chip memory holds only the activations),
 * 'oom' (over the capacity).
 */
export type Placement = 'fits' | 'streamed' | 'oom'
/** Over the memory capacity: the word wherever a recipe does not fit (a bar, a list row, a track's crisis). */
export const OOM = 'OOM'
/** A placement in the words every readout uses, one set per place: `word` beside a bar ('fits', 'weights in flash',
 *  'OOM'), `verdict` in a readout or a table cell (the word in capitals), `mark` over a bar that does not fit (short
 *  enough for one bar: 'OOM', 'FLASH'; none when it fits), `sentence` for what a recipe does on the machine ('fits',
 *  'runs only by streaming its weights from flash', 'does not fit'). */
export interface PlacementWords { word: string; verdict: string; mark: string; sentence: string }
/** The words of a placement on a machine whose main memory (where streamed weights are read from) is `mainMemory`. */
export function placementWordsOn(mainMemory: string, p: Placement): PlacementWords {
  const w = {
    fits: { word: 'fits', mark: '', sentence: 'fits' },
    streamed: { word: `weights in ${mainMemory}`, mark: mainMemory.toUpperCase(), sentence: `runs only by streaming its weights from ${mainMemory}` },
    oom: { word: OOM, mark: OOM, sentence: 'does not fit' },
  }[p]
  return { ...w, verdict: w.word.toUpperCase() }
}
