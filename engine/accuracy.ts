// Accuracy model: quantization (logistic in bits), pruning (power law in s/(1-s)), distillation (log-normal in T).
// Drops combine multiplicatively on the margin above chance; see README.
import type { Recipe } from './types'
import type { ModelDef, TrackSpec } from './spec'
import { BITS, k } from './constants'

const logit = (p: number) => Math.log(p / (1 - p))
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))

/** Least-squares fit of logit(drop/margin) = slope·(bitsHalf − bits) through published (bits, accuracy) anchors. */
export function fitQuantCurve(acc0: number, chance: number, anchors: [bits: number, acc: number][]): { slope: number; bitsHalf: number } {
  const margin = acc0 - chance
  const xs = anchors.map(([b]) => b)
  const ys = anchors.map(([, a]) => logit((acc0 - a) / margin))
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length
  const my = ys.reduce((s, y) => s + y, 0) / ys.length
  let sxy = 0, sxx = 0
  xs.forEach((x, i) => { sxy += (x - mx) * (ys[i] - my); sxx += (x - mx) ** 2 })
  const slope = -sxy / sxx // y = slope·(bitsHalf − x)  ⇒  dy/dx = −slope
  return { slope, bitsHalf: mx + my / slope }
}

/** bitsHalf for a model anchored by one published (bits, accuracy) point, with the track's slope. */
export function bitsHalfFromAnchor(acc0: number, chance: number, bits: number, acc: number, slope: number): number {
  return bits + logit((acc0 - acc) / (acc0 - chance)) / slope
}

/** Fit drop(s) = a·(s/(1−s))^q to published (sparsity, drop in points) anchors; returns a as a fraction of the margin. */
export function fitPruneCurve(margin: number, anchors: [s: number, drop: number][]): { a: number; q: number } {
  const xs = anchors.map(([s]) => Math.log(s / (1 - s)))
  const ys = anchors.map(([, d]) => Math.log(d / margin))
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length
  const my = ys.reduce((s, y) => s + y, 0) / ys.length
  let sxy = 0, sxx = 0
  xs.forEach((x, i) => { sxy += (x - mx) * (ys[i] - my); sxx += (x - mx) ** 2 })
  const q = sxy / sxx
  return { a: Math.exp(my - q * mx), q }
}

/** Fraction of the margin above chance lost to quantization at `bits` (0 = none, 1 = chance). */
export function quantLoss(model: ModelDef, spec: TrackSpec, bits: number): number {
  // Normalised so that FP16 loses exactly nothing: the models' accuracies are published at FP16.
  const raw = (b: number) => sigmoid(spec.quantSlope.value * (model.bitsHalf.value - b))
  const atFp16 = raw(16)
  return Math.max(0, (raw(bits) - atFp16) / (1 - atFp16))
}

// Gale, Elsen, Hooker 2019 ResNet-50 gradual magnitude pruning (facts.md): drops vs dense 76.7.
const GALE_FIT = fitPruneCurve(76.7 - 0.1, [[0.5, 0.2], [0.7, 0.3], [0.8, 1.1], [0.9, 2.8]])
const GALE = 'least-squares fit of drop = a·(s/(1−s))^γ to Gale, Elsen, Hooker 2019 ResNet-50 (dense 76.7; 50% −0.2, 70% −0.3, 80% −1.1, 90% −2.8; facts.md)'
export const PRUNE_REF = {
  a: k('all', 'pruning curve scale a (fraction of margin)', GALE_FIT.a, '', GALE, 'derived').value,
  q: k('all', 'pruning curve exponent γ', GALE_FIT.q, '', GALE, 'derived').value,
}

/** Fraction of the margin lost to pruning; smooth in s, zero at s = 0. */
export function pruneLoss(model: ModelDef, spec: TrackSpec, s: number, pattern: Recipe['pattern']): number {
  if (s <= 0) return 0
  const base = PRUNE_REF.a * Math.pow(s / (1 - s), PRUNE_REF.q) * model.pruneFragility.value
  const loss = pattern === '2:4' ? base * spec.prune24Penalty.value : base
  return Math.min(1, loss)
}

/** Distillation efficacy in 0..1 vs temperature: log-normal bump with its optimum at the student's kdTemperature. */
export function kdEfficacy(model: ModelDef, spec: TrackSpec, t: number): number {
  const z = Math.log(t / model.kdTemperature.value) / spec.kdWidth.value
  return Math.exp(-0.5 * z * z)
}

export interface AccuracyParts { accuracy: number; studentBase: number; quantLoss: number; pruneLoss: number; recovery: number }

export function accuracyOf(spec: TrackSpec, teacher: ModelDef, model: ModelDef, recipe: Recipe): AccuracyParts {
  return accuracyParts(spec, teacher, model, recipe, BITS[recipe.precision])
}

/** Accuracy at an arbitrary weight bit width (for curves between the deployable precisions). */
export function accuracyAtBits(spec: TrackSpec, teacher: ModelDef, model: ModelDef, recipe: Recipe, bits: number): number {
  return accuracyParts(spec, teacher, model, recipe, bits).accuracy
}

function accuracyParts(spec: TrackSpec, teacher: ModelDef, model: ModelDef, recipe: Recipe, bits: number): AccuracyParts {
  const chance = spec.metric.chance.value
  const teacherAcc = teacher.accuracy.value
  const scratch = model.accuracy.value
  const g = recipe.distill ? kdEfficacy(model, spec, recipe.temperature) : 0
  // distillation closes part of the student's gap to the teacher, never beyond it
  const studentBase = Math.min(teacherAcc, scratch + spec.kdGapRecovery.value * g * Math.max(0, teacherAcc - scratch))
  const recovery = spec.kdCompressionRecovery.value * g
  const q = quantLoss(model, spec, bits) * (1 - recovery)
  const p = pruneLoss(model, spec, recipe.sparsity, recipe.pattern) * (1 - recovery)
  const accuracy = chance + (studentBase - chance) * (1 - q) * (1 - p)
  return { accuracy, studentBase, quantLoss: q, pruneLoss: p, recovery }
}
