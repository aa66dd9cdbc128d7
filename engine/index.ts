// The engine's one public surface. Components import only from here. See engine/README.md for the equations.
export * from './types'
export * from './urlState'

/** The recipe's parameters (labels, ranges, slider steps, sweep grid, defaults), the track ids and the baseline recipe. */
export { TRACK_IDS, BASELINE_ALIAS, BASELINE_RECIPE, PRECISION, PATTERN, SPARSITY, TEMPERATURE, STUDENT, DISTILL, gridOf, patternRatios } from './params'
/** Precisions in falling bit order, and their bits (16, 8, 4, 1). */
export { PRECISIONS, BITS } from './constants'
/** Numbers in words: significant digits, rounded (roundSig) or shown with thousands separators (sig). */
export { roundSig, sig } from './format'
/** Input checks: every bad field throws EngineInputError { field } and nothing is changed. */
export { EngineInputError, validateRecipe } from './validate'
/** The four tracks (machine, models, budgets, computed crisis) and the track's own baseline recipe. */
export { TRACKS, baselineRecipe, modelName } from './catalog'
/** One recipe on one track: memory, roofline latency, speedups + waterfall steps, energy, accuracy, budget checks, impact. */
export { evaluate } from './evaluate'
/** Derived views: the sweep and its Pareto frontier (memoised; all of it or only the levers taught so far), distillation
 *  temperature, waterfall steps, accuracy vs bits, the accuracy floor, and part 3's stakeholder check. */
export {
  sweep, paretoFrontier, bestTemperature, compressionSteps, accuracyVsBits, accuracyFloor, meetsFloor,
  stakeholderCheck, recipeLabel, dominates, weightStorage, type WeightStorage, theoryTerms, amdahlTerms, uniformQuantizer, modelBytes,
  LEVERS, leversThrough, leversOf, type Lever,
} from './sweep'
/** The storyboard's three prediction locks; answer keys computed from evaluate(). */
export { LOCKS, lockAnswer } from './locks'
/** What the instruments ask of the lessons (engine/lessons.ts): the knee and cliff of any recipe's curve, part 2's start,
 *  target, judge and window, part 3's opening student and stakeholder reference, heavy vs light. The rest of that module
 *  (the whole per-track summary and its Markdown tables for `npm run lessons`) is for scripts and tests, from its file. */
export {
  knee, type Knee, part2Target, judgeTry, pruningWindows, distillationStart,
  stakeholderReference, archetypes, archetypeOf, archetypeAbsence, type ArchetypeAbsence, part2Start, ARCHETYPE_LABEL, GAME_MAX_TRIES, type ArchetypeKind, type GameTry, type Window,
} from './lessons'
/** "Where does this number come from": every constant with its source and kind. */
export { listSources, describeConstant, type SourceRow } from './sources'
