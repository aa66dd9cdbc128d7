// The deck's words for the recipe and its verdicts, in one place: the engine's texts (labels, waterfall steps, lesson
// tables) and, through engine/index.ts, every view spell a precision, a pattern, a percentage, a temperature or a
// verdict from here, so one state never reads two ways ("VETO" on one workbench, "FAIL" on the next).
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
/** The name of the budget whose failure is the stakeholder's veto. */
export const FLOOR_BUDGET = 'accuracy'

/** A budget check's verdict: PASS, FAIL, or VETO for the accuracy floor. */
export function verdictWord(check: { name: string; pass: boolean }): VerdictWord {
  return check.pass ? VERDICT.pass : check.name === FLOOR_BUDGET ? VERDICT.veto : VERDICT.fail
}
/** A recipe under the floor, in a sentence or a list: the veto's words where there is no room for a verdict column. */
export const BELOW_FLOOR = 'below the accuracy floor'
/** The accuracy floor's verdict alone (a readout that judges only accuracy). */
export const floorVerdict = (meets: boolean): VerdictWord => (meets ? VERDICT.pass : VERDICT.veto)
