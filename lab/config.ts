// The lab's fixed configuration: one place for every seed and size, shown on the slide as "seed and configuration".
// These are modelling choices of this lab (kind 'assumption'), not published figures.
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
  temperatureRange: { min: 1, max: 20 },
  defaultTemperature: 4,
}

export const BITS = [8, 4, 2, 1] as const
export const SPARSITIES = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const
