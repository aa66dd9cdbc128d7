// Accuracy model: quantization (logistic in bits, post-training or training-aware), pruning (power law in s/(1-s)),
// distillation (closes part of a student's gap; its best temperature depends on the student's capacity).
// Drops combine multiplicatively on the margin above chance; see README.
import type { Recipe, Sourced } from './types'
import type { ModelDef, PruneCurve, QuantCurve, TrackSpec } from './spec'
import { k } from './constants'
import { PRECISION } from './params'
import { sig } from './format'
import { percent } from './words'

const logit = (p: number) => Math.log(p / (1 - p))
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length

/** Least-squares line through (x, y) points: y = intercept + slope·x. */
function lineFit(xs: number[], ys: number[]): { slope: number; intercept: number } {
  const mx = mean(xs), my = mean(ys)
  let sxy = 0, sxx = 0
  xs.forEach((x, i) => { sxy += (x - mx) * (ys[i] - my); sxx += (x - mx) ** 2 })
  const slope = sxy / sxx
  return { slope, intercept: my - slope * mx }
}

/** Fit of logit(drop/margin) = slope·(bitsHalf − bits) through published (bits, accuracy) anchors (exact for two). */
export function fitQuantCurve(acc0: number, chance: number, anchors: [bits: number, acc: number][]): { slope: number; bitsHalf: number } {
  const margin = acc0 - chance
  const { slope, intercept } = lineFit(anchors.map(([b]) => b), anchors.map(([, a]) => logit((acc0 - a) / margin)))
  return { slope: -slope, bitsHalf: intercept / -slope }
}

/** bitsHalf for a model anchored by one published (bits, accuracy) point, with a family's slope. */
export function bitsHalfFromAnchor(acc0: number, chance: number, bits: number, acc: number, slope: number): number {
  return bits + logit((acc0 - acc) / (acc0 - chance)) / slope
}

/** A quantization curve registered as two constants of a track. */
export function quantCurve(track: string, name: string, slope: number, bitsHalf: number, source: string, kind: Sourced['kind']): QuantCurve {
  return {
    slope: k(track, `${name} slope`, slope, '1/bit', source, kind),
    bitsHalf: k(track, `${name} half-loss bit width`, bitsHalf, 'bit', source, kind),
  }
}

/** Fit drop(s) = a·(s/(1−s))^q to published (sparsity, drop in points) anchors; returns a as a fraction of the margin. */
export function fitPruneCurve(margin: number, anchors: [s: number, drop: number][]): { a: number; q: number } {
  const { slope, intercept } = lineFit(anchors.map(([s]) => Math.log(s / (1 - s))), anchors.map(([, d]) => Math.log(d / margin)))
  return { a: Math.exp(intercept), q: slope }
}

/** Fraction of the margin above chance lost to quantization at `bits` (0 = none, 1 = chance), zero at FP16 because
 *  the models' accuracies are published at FP16. */
export function quantLoss(curve: QuantCurve, bits: number): number {
  const raw = (b: number) => sigmoid(curve.slope.value * (curve.bitsHalf.value - b))
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

/** A channel-pruning curve registered as two constants of a track, fitted to published (work removed, drop) anchors. */
export function channelCurve(track: string, name: string, margin: number, anchors: [s: number, drop: number][], source: string, kind: Sourced['kind'], exponent?: Sourced): PruneCurve {
  // with a borrowed exponent the points fix the scale only (geometric mean of their scales); one point needs one
  if (anchors.length < 2 && !exponent) throw new Error(`${name}: one channel-pruning point fixes no exponent; pass one`)
  const fit = exponent
    ? { q: exponent.value, a: Math.exp(anchors.reduce((acc, [x, d]) => acc + Math.log((d / margin) / Math.pow(x / (1 - x), exponent.value)), 0) / anchors.length) }
    : fitPruneCurve(margin, anchors)
  const how = exponent ? `scale a fitted with the exponent q = ${sig(exponent.value, 3)} borrowed (${exponent.source})` : 'least-squares fit of drop = a·(s/(1−s))^q'
  const why = `${how}, to ${source}: ${anchors.map(([x, d]) => `${percent(x)} of the work removed −${sig(d, 3)}`).join(', ')}`
  return { a: k(track, `${name} channel pruning: scale a`, fit.a, '', why, kind), q: k(track, `${name} channel pruning: exponent q`, fit.q, '', why, kind) }
}

/** Fraction of the margin lost to pruning; smooth in s, zero at s = 0. Channels follow the model's own published
 *  channel-pruning curve (after fine-tuning); unstructured and 2:4 the reference magnitude-pruning curve. */
export function pruneLoss(model: ModelDef, spec: TrackSpec, s: number, pattern: Recipe['pattern']): number {
  if (s <= 0) return 0
  if (pattern === 'channels') return Math.min(1, model.channelCurve.a.value * Math.pow(s / (1 - s), model.channelCurve.q.value))
  const base = PRUNE_REF.a * Math.pow(s / (1 - s), PRUNE_REF.q) * model.pruneFragility.value
  const loss = pattern === '2:4' ? base * spec.prune24Penalty.value : base
  return Math.min(1, loss)
}

// ---------- distillation temperature by capacity (Hinton, Vinyals, Dean 2015 §3) ----------
// Teacher: two hidden layers of 1,200 units on 784 inputs, 10 classes; students with 300 and 30 units per layer.
// Capacity is measured one way on every track: the student's multiply-accumulates per inference as a share of its
// teacher's (for Hinton's MLPs, MACs = weights; for CNNs and LLMs, the work a forward pass does).
const mlpMacs = (h: number) => 784 * h + h * h + h * 10
const HINTON = 'Hinton, Vinyals, Dean 2015 §3 (MNIST): with ≥ 300 units per hidden layer all temperatures above 8 did about equally well; with 30 units T 2.5-4 worked significantly better than higher or lower'
const CAP_SMALL = k('all', 'distillation: small-student capacity (30-unit net / 1,200-unit teacher)', mlpMacs(30) / mlpMacs(1200), '× teacher MACs', `${HINTON}; MAC ratio of the two-hidden-layer nets`, 'derived')
const CAP_LARGE = k('all', 'distillation: large-student capacity (300-unit net / 1,200-unit teacher)', mlpMacs(300) / mlpMacs(1200), '× teacher MACs', `${HINTON}; MAC ratio of the two-hidden-layer nets`, 'derived')
const T_SMALL = k('all', 'distillation: best temperature of a small student', 3.2, '', `${HINTON}: geometric middle of 2.5-4`, 'derived')
const T_LARGE = k('all', 'distillation: temperature from which a large student plateaus', 8, '', HINTON, 'published')
const KD_WIDTH = k('all', 'distillation temperature tolerance', 0.5, 'ln T', `assumption: a small student's efficacy falls as a log-normal in T around its optimum; width chosen so that T = 8 keeps < 20% of its benefit (${HINTON})`, 'assumption')

/** 0 for a student as small (relative to its teacher) as Hinton's 30-unit net, 1 from the 300-unit net's ratio up. */
function capacityShare(studentMacs: number, teacherMacs: number): number {
  const c = studentMacs / teacherMacs
  const u = Math.log(c / CAP_SMALL.value) / Math.log(CAP_LARGE.value / CAP_SMALL.value)
  return Math.min(1, Math.max(0, u))
}

/** True when the temperature cannot move this student's accuracy: large enough to be flat (Hinton's ≥ 300-unit nets), or
 *  already distilled (its published score includes distillation, so none of the gap is left to close). */
export function temperatureIsFlat(model: ModelDef, teacher: ModelDef): boolean {
  return model.preDistilled === true || capacityShare(model.macs.value, teacher.macs.value) >= 1
}

/** The student's optimum temperature: T 3.2 for a small student, rising geometrically to 8 for a large one. */
export function optimumTemperature(model: ModelDef, teacher: ModelDef): number {
  const u = capacityShare(model.macs.value, teacher.macs.value)
  return T_SMALL.value * Math.pow(T_LARGE.value / T_SMALL.value, u)
}

/** Distillation efficacy in 0..1 vs temperature: a floor set by capacity plus a log-normal bump at the optimum. A small
 *  student (share 0) has only the bump: moderate T works, lower and higher much less (Hinton's 30-unit net); a large
 *  one (share 1) is flat: every T works about equally (Hinton's ≥ 300-unit nets above T = 8; ImageNet KD and DKD measure
 *  their gains at T = 1, Zhao et al. 2022). */
export function kdEfficacy(model: ModelDef, teacher: ModelDef, t: number): number {
  const z = Math.log(t / optimumTemperature(model, teacher)) / KD_WIDTH.value
  const floor = capacityShare(model.macs.value, teacher.macs.value)
  return floor + (1 - floor) * Math.exp(-0.5 * z * z)
}

export interface AccuracyParts { accuracy: number; studentBase: number; quantLoss: number; pruneLoss: number }

export function accuracyOf(spec: TrackSpec, teacher: ModelDef, model: ModelDef, recipe: Recipe): AccuracyParts {
  return accuracyParts(spec, teacher, model, recipe, PRECISION.bits[recipe.precision])
}

/** Accuracy at an arbitrary weight bit width (for curves between the deployable precisions). */
export function accuracyAtBits(spec: TrackSpec, teacher: ModelDef, model: ModelDef, recipe: Recipe, bits: number): number {
  return accuracyParts(spec, teacher, model, recipe, bits).accuracy
}

function accuracyParts(spec: TrackSpec, teacher: ModelDef, model: ModelDef, recipe: Recipe, bits: number): AccuracyParts {
  const chance = spec.metric.chance.value
  const teacherAcc = teacher.accuracy.value
  const scratch = model.accuracy.value
  // distillation closes part of the student's gap to the teacher (never beyond it), unless the published score
  // already comes from distillation
  const g = recipe.distill && !model.preDistilled ? kdEfficacy(model, teacher, recipe.temperature) : 0
  const studentBase = Math.min(teacherAcc, scratch + (model.kdRecovery?.value ?? 0) * g * Math.max(0, teacherAcc - scratch))
  // distilling at the target precision is training-aware: the student learns its quantized weights
  // (never worse than post-training: the trained run can start from the post-training weights)
  const ptq = quantLoss(model.quant.ptq, bits)
  const q = recipe.distill ? Math.min(ptq, quantLoss(model.quant.trained, bits)) : ptq
  const p = pruneLoss(model, spec, recipe.sparsity, recipe.pattern)
  const accuracy = chance + (studentBase - chance) * (1 - q) * (1 - p)
  return { accuracy, studentBase, quantLoss: q, pruneLoss: p }
}
