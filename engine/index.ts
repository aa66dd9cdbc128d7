// The engine's one public surface. Components import only from here. See engine/README.md for the equations.
export * from './types'
export * from './urlState'

/** The recipe's parameters, one table (key, label, unit, values or range, steps, default, URL coding, formatter), the track ids and the baseline recipe. */
export { TRACK_IDS, isTrackId, DEFAULT_TRACK, BASELINE_ALIAS, BASELINE_RECIPE, PARAMS, type Param, PRECISION, PATTERN, SPARSITY, TEMPERATURE, STUDENT, DISTILL, gridOf, patternRatios } from './params'
/** Numbers in words: significant digits, rounded (roundSig) or shown with thousands separators (sig). */
export { roundSig, sig } from './format'
/** Input checks: every bad field throws EngineInputError { field } and nothing is changed. */
export { EngineInputError, validateRecipe } from './validate'
/** The four tracks (machine, models, budgets, computed crisis) and the track's own baseline recipe. */
export { TRACKS, baselineRecipe, modelName } from './catalog'
/** One recipe on one track: memory, roofline latency, speedups + waterfall steps, energy, accuracy, budget checks, impact. */
export { evaluate } from './evaluate'
/** The sweep and its Pareto frontier (memoised; all of it or only the levers taught so far), dominance, and the levers. */
export { sweep } from './sweep'
export { paretoFrontier, dominates } from './frontier'
export { LEVERS, leversThrough, leversOf, type Lever } from './levers'
/** A recipe in words, and the words every view uses for precisions, patterns, percentages, temperatures and verdicts. */
export { recipeLabel } from './labels'
export {
  PRECISION_NAMES, PATTERN_NAMES, precisionName, patternName, wholePercent, percent, shareText, percentSig, percentFixed, pruningText, temperatureText,
  VERDICT, type VerdictWord, verdictWord, floorVerdict, FLOOR_BUDGET, FLOOR_NAME, BELOW_FLOOR, SPEC_WORDS, specVerdict, specVerdictText,
  type Placement, type PlacementWords, OOM, placementWordsOn,
} from './words'
/** The stakeholder's accuracy floor and its veto (meetsFloor: the one rule, the same as the accuracy budget's check),
 *  and part 3's power cut. */
export { accuracyFloor, meetsFloor } from './floor'
export { stakeholderCheck } from './stakeholder'
/** Part 3's best temperature; part 1's curves; the compression waterfall's steps; the math peeks' terms. */
export { bestTemperature } from './temperature'
export { accuracyVsBits } from './curves'
export { compressionSteps, type CompressionStep, type CompressionStepKey } from './waterfall'
export { theoryTerms, amdahlTerms, uniformQuantizer, modelBytes, weightStorage, type WeightStorage } from './peek'
/** The storyboard's three prediction locks; answer keys computed from evaluate(). */
export { LOCKS, LOCK_IDS, lockAnswer } from './locks'
/** What the instruments ask of the lessons (engine/lessons.ts): the knee and cliff of any recipe's curve, part 2's start,
 *  target, judge and window, part 3's opening student and stakeholder reference, heavy vs light. The rest of that module
 *  (the whole per-track summary and its Markdown tables for `npm run lessons`) is for scripts and tests, from its file. */
export {
  knee, type Knee, part2Target, judgeTry, pruningWindows, distillationStart,
  stakeholderReference, archetypes, archetypeOf, archetypeAbsence, type ArchetypeAbsence, part2Start, ARCHETYPE_LABEL, GAME_MAX_TRIES, type ArchetypeKind, type GameTry, type Window,
} from './lessons'
/** "Where does this number come from": every constant with its source and kind. */
export { listSources, describeConstant, type SourceRow } from './sources'
