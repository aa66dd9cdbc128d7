// The engine's one public surface. Components import only from here.
export * from './types'
export * from './urlState'
export { PRECISIONS, BITS } from './constants'
export { EngineInputError, TRACK_IDS, validateRecipe, SPARSITY_MAX, TEMPERATURE_RANGE } from './validate'
export { TRACKS, BASELINE_RECIPE, baselineRecipe } from './catalog'
export { evaluate } from './evaluate'
export {
  sweep, paretoFrontier, bestTemperature, compressionSteps, accuracyVsBits, accuracyFloor, cliffPrecision,
  stakeholderCheck, recipeLabel, SPARSITY_STEPS,
} from './sweep'
export { LOCKS, lockAnswer, distillationOption } from './locks'
export { listSources, describeConstant, type SourceRow } from './sources'
