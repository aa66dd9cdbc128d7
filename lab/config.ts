// The lab's fixed configuration: one place for every seed and size, shown on the slide as "seed and configuration".
// These are modelling choices of this lab (kind 'assumption'), not published figures. The recipe's own ranges (temperature,
// pruning ratios) are the deck's parameter table's (engine/params.ts): the lab's sliders are the deck's sliders.
// From the parameter table and the words only, not the engine's index: the lab runs in a worker, which would carry the
// whole engine (every track, the sweep) for four numbers.
import { gridOf, PRECISION, SPARSITY } from '../engine/params'
import type { DatasetConfig } from './dataset'
import type { TrainConfig } from './train'

export const DATASET: DatasetConfig = {
  seed: 1,
  classes: 12,
  dim: 32,
  latent: 8,
  modesPerClass: 4,
  centreSpread: 1.5,
  blobStd: 0.5,
  featureNoise: 0.5,
  trainSize: 6000,
  testSize: 3000,
}

export const TEACHER = {
  sizes: [32, 96, 96, 12],
  initSeed: 7,
  train: { seed: 3, epochs: 20, batch: 32, lr: 2e-3 } satisfies TrainConfig,
}

/** Floor for the committed teacher's held-out accuracy, checked by tests and by `npm run train`. */
export const TEACHER_MIN_TEST_ACCURACY = 0.9

export const STUDENT = {
  hiddenChoices: [8, 16, 32] as const,
  defaultHidden: 16,
  initSeed: 11,
  /** the student learns from the first `trainRows` labelled rows only (a small transfer set; the teacher saw all 6000) */
  trainRows: 400,
  train: { seed: 5, epochs: 80, batch: 32, lr: 3e-3 } satisfies TrainConfig,
  gamma: 0.9,
}

/** The widths the lab quantizes its network to: the deck's precisions below FP16 (8, 4 and 1 bit, from the parameter
 *  table) and 2 bits besides, which no deployable format has but the lab's software quantizer does: the cliff of a small
 *  MLP falls between 4 bits and 1, and 2 shows where. (Its baseline is the network as trained, in FP32.) */
export const WIDTHS: readonly number[] = [...PRECISION.values.filter((p) => p !== PRECISION.default).map((p) => PRECISION.bits[p]), 2].sort((a, b) => b - a)
/** The pruning ratios the lab measures: the sweep's grid of the parameter table (0, 10%, …, 90%). */
export const SPARSITIES: readonly number[] = gridOf(SPARSITY.min, SPARSITY.max, SPARSITY.sweepStep)
