// A deterministic synthetic classification task: each class is a mixture of a few Gaussian blobs in a small
// latent space, pushed through a fixed random nonlinear map into `dim` features, plus feature noise.
// Several blobs per class make the classes non-convex, so a wide MLP separates them well and a narrow one cannot.
import { mulberry32 } from './prng'

export interface DatasetConfig {
  seed: number
  classes: number
  dim: number
  latent: number
  modesPerClass: number
  /** spread of the blob centres in latent space (standard deviations) */
  centreSpread: number
  /** within-blob standard deviation in latent space */
  blobStd: number
  /** additive noise on the observed features */
  featureNoise: number
  trainSize: number
  testSize: number
}

export interface Split {
  /** row-major, n × dim */
  x: Float64Array
  y: Uint8Array
  n: number
  dim: number
}

export interface Dataset {
  config: DatasetConfig
  train: Split
  test: Split
}

export function makeDataset(config: DatasetConfig): Dataset {
  const { classes, dim, latent, modesPerClass } = config
  if (classes < 2 || classes > 255) throw new Error(`classes must be 2..255, got ${classes}`)
  const rng = mulberry32(config.seed)
  const centres = new Float64Array(classes * modesPerClass * latent)
  for (let i = 0; i < centres.length; i++) centres[i] = rng.normal() * config.centreSpread
  // map: x = tanh(A z + c) + B z / sqrt(latent)  (a folded, partly linear embedding)
  const A = new Float64Array(dim * latent)
  const B = new Float64Array(dim * latent)
  const c = new Float64Array(dim)
  for (let i = 0; i < A.length; i++) A[i] = rng.normal() / Math.sqrt(latent)
  for (let i = 0; i < B.length; i++) B[i] = rng.normal() / Math.sqrt(latent)
  for (let i = 0; i < dim; i++) c[i] = rng.normal() * 0.5

  const sample = (n: number): Split => {
    const x = new Float64Array(n * dim)
    const y = new Uint8Array(n)
    const z = new Float64Array(latent)
    for (let s = 0; s < n; s++) {
      const cls = s % classes // balanced classes
      const mode = rng.int(modesPerClass)
      const base = (cls * modesPerClass + mode) * latent
      for (let k = 0; k < latent; k++) z[k] = centres[base + k] + rng.normal() * config.blobStd
      for (let d = 0; d < dim; d++) {
        let a = c[d]
        let b = 0
        for (let k = 0; k < latent; k++) {
          a += A[d * latent + k] * z[k]
          b += B[d * latent + k] * z[k]
        }
        x[s * dim + d] = Math.tanh(a) + 0.5 * b + rng.normal() * config.featureNoise
      }
      y[s] = cls
    }
    return { x, y, n, dim }
  }
  const train = sample(config.trainSize)
  const test = sample(config.testSize)
  return { config, train, test }
}
