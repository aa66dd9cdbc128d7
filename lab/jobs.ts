// The lab's measurements as generators: each yields progress (0..1 with a label) and returns its result.
// The worker runs them in time slices so the UI stays live and a cancel takes effect between slices.
import teacherJson from './artifacts/teacher.json'
import { teacherFromArtifact, type TeacherArtifact } from './artifact'
import { DATASET, SPARSITIES, STUDENT, TEACHER, WIDTHS } from './config'
import { PATTERN, SPARSITY, TEMPERATURE } from '../engine/params'
import { patternName, percent, pruningText } from '../engine/words'
import type { SparsityPattern } from '../engine/types'
import { makeDataset, type Dataset, type Split } from './dataset'
import { accuracy, initMlp, logitsOf, paramCount, type Mlp } from './mlp'
import { magnitudeMask, pruneModel, quantizeModel, quantizedBytes, twoFourMask } from './compress'
import { trainSteps } from './train'
import { csrMatVec, dense, denseMatVec, storageBytes, timePerCall, toCsr, toTwoFour, twoFourMatVec, type DenseMatrix } from './kernels'
import { mulberry32 } from './prng'

export interface Progress { fraction: number; label: string }
export type Job<R> = Generator<Progress, R>

let shared: { data: Dataset; teacher: Mlp; teacherLogits?: Float64Array } | null = null
/** The dataset (regenerated from its seed, ~0.1 s) and the committed teacher, built once per worker. */
export function lab() {
  if (!shared) shared = { data: makeDataset(DATASET), teacher: teacherFromArtifact(teacherJson as TeacherArtifact) }
  return shared
}

/** 'dense' for the network unpruned; the lab prunes weights only (unstructured and 2:4), never whole filters */
export interface AccuracyPoint { label: string; bits: number; sparsity: number; pattern: 'dense' | Exclude<SparsityPattern, 'channels'>; accuracy: number; bytes: number }

export interface QuantizationResult { part: 'quantization'; params: number; points: AccuracyPoint[] }
export function* quantizationJob(): Job<QuantizationResult> {
  const { data, teacher } = lab()
  const points: AccuracyPoint[] = [point('FP32', teacher, data.test, 32, 0, 'dense')]
  for (const [i, bits] of WIDTHS.entries()) {
    yield { fraction: (i + 1) / (WIDTHS.length + 1), label: `${bits}-bit` }
    points.push(point(bits === 1 ? 'binary' : `INT${bits}`, quantizeModel(teacher, bits), data.test, bits, 0, 'dense'))
  }
  return { part: 'quantization', params: paramCount(teacher), points }
}

export interface PruningResult { part: 'pruning'; points: AccuracyPoint[] }
export function* pruningJob(): Job<PruningResult> {
  const { data, teacher } = lab()
  const points: AccuracyPoint[] = []
  for (const [i, s] of SPARSITIES.entries()) {
    yield { fraction: i / (SPARSITIES.length + 1), label: pruningText(s, 'unstructured') }
    points.push(point(percent(s), pruneModel(teacher, { pattern: 'unstructured', sparsity: s }), data.test, 32, s, 'unstructured'))
  }
  yield { fraction: SPARSITIES.length / (SPARSITIES.length + 1), label: patternName('2:4') }
  points.push(point(patternName('2:4'), pruneModel(teacher, { pattern: '2:4' }), data.test, 32, PATTERN.sparsityOf24, '2:4'))
  return { part: 'pruning', points }
}

function point(label: string, m: Mlp, test: Split, bits: number, sparsity: number, pattern: AccuracyPoint['pattern']): AccuracyPoint {
  return { label, bits, sparsity, pattern, accuracy: accuracy(m, test), bytes: quantizedBytes(m, bits) }
}

export interface DistillSpec { hidden: number; temperature: number }
export interface StudentRow { bits: number; scratch: number; distilled: number }
export interface DistillationResult {
  part: 'distillation'
  spec: DistillSpec
  teacherAccuracy: number
  teacherParams: number
  studentParams: number
  /** accuracy of both students at FP32 (bits 32) and after post-training quantization */
  rows: StudentRow[]
}

export function validateDistillSpec(spec: DistillSpec): void {
  if (!(STUDENT.hiddenChoices as readonly number[]).includes(spec.hidden))
    throw new Error(`student hidden size must be one of ${STUDENT.hiddenChoices.join(', ')}, got ${spec.hidden}`)
  // the deck's range and words for a temperature (the parameter table's check)
  const problem = TEMPERATURE.problem(spec.temperature)
  if (problem) throw new Error(`temperature ${problem}`)
}

export function* distillationJob(spec: DistillSpec): Job<DistillationResult> {
  validateDistillSpec(spec)
  const ctx = lab()
  const { data, teacher } = ctx
  const rows = STUDENT.trainRows
  const d = data.train.dim
  const transfer: Split = { x: data.train.x.subarray(0, rows * d), y: data.train.y.subarray(0, rows), n: rows, dim: d }
  ctx.teacherLogits ??= logitsOf(teacher, transfer)
  const sizes = [d, spec.hidden, TEACHER.sizes[TEACHER.sizes.length - 1]]
  const scratch = initMlp(sizes, STUDENT.initSeed)
  const distilled = initMlp(sizes, STUDENT.initSeed)
  for (const f of trainSteps(scratch, transfer, STUDENT.train)) yield { fraction: f / 2, label: 'student from scratch' }
  const kd = { teacherLogits: ctx.teacherLogits, temperature: spec.temperature, gamma: STUDENT.gamma }
  for (const f of trainSteps(distilled, transfer, { ...STUDENT.train, kd })) yield { fraction: 0.5 + f / 2, label: 'distilled student' }
  const out: StudentRow[] = [32, ...WIDTHS].map((bits) => ({
    bits,
    scratch: accuracy(bits === 32 ? scratch : quantizeModel(scratch, bits), data.test),
    distilled: accuracy(bits === 32 ? distilled : quantizeModel(distilled, bits), data.test),
  }))
  return { part: 'distillation', spec, teacherAccuracy: accuracy(teacher, data.test), teacherParams: paramCount(teacher), studentParams: paramCount(scratch), rows: out }
}

export interface KernelSpec { sparsity: number; /** width multiplier of the teacher's layers (1 = the teacher itself) */ scale: number; minMs?: number }
export interface KernelTiming { format: 'dense' | 'CSR' | '2:4'; sparsity: number; nsPerCall: number; speedup: number; theoretical: number; bytes: number }
export interface KernelResult { part: 'kernels'; spec: KernelSpec; shapes: [number, number][]; timings: KernelTiming[] }

export function* kernelsJob(spec: KernelSpec): Job<KernelResult> {
  const sparsityProblem = SPARSITY.problem(spec.sparsity)
  if (sparsityProblem) throw new Error(`sparsity ${sparsityProblem}`)
  if (!(spec.scale >= 1 && spec.scale <= 16 && Number.isInteger(spec.scale))) throw new Error(`scale must be an integer 1..16, got ${spec.scale}`)
  const minMs = spec.minMs ?? 60
  const { teacher } = lab()
  const rng = mulberry32(99)
  // at scale 1 the teacher's own weights; scaled up, seeded Gaussian weights of the scaled shapes
  const layers: DenseMatrix[] = teacher.layers.map((l) => {
    const rows = l.outDim * spec.scale
    const cols = l.inDim * spec.scale
    return dense(rows, cols, spec.scale === 1 ? l.w : Float64Array.from({ length: rows * cols }, () => rng.normal()))
  })
  const xs = layers.map((m) => Float64Array.from({ length: m.cols }, () => rng.normal()))
  const ys = layers.map((m) => new Float64Array(m.rows))
  const masked = (m: DenseMatrix, mask: Uint8Array) => ({ ...m, values: m.values.map((v, i) => (mask[i] ? v : 0)) })
  const unstructured = layers.map((m) => toCsr(masked(m, magnitudeMask(m.values, spec.sparsity))))
  const two4 = layers.map((m) => toTwoFour(masked(m, twoFourMask(m.values, m.cols))))
  yield { fraction: 0.1, label: 'dense' }
  const tDense = timePerCall(() => layers.forEach((m, i) => denseMatVec(m, xs[i], ys[i])), minMs)
  yield { fraction: 0.4, label: 'CSR' }
  const tCsr = timePerCall(() => unstructured.forEach((m, i) => csrMatVec(m, xs[i], ys[i])), minMs)
  yield { fraction: 0.7, label: '2:4' }
  const t24 = timePerCall(() => two4.forEach((m, i) => twoFourMatVec(m, xs[i], ys[i])), minMs)
  const sum = (ms: Parameters<typeof storageBytes>[0][]) => ms.reduce((s, m) => s + storageBytes(m), 0)
  return {
    part: 'kernels',
    spec,
    shapes: layers.map((m) => [m.rows, m.cols]),
    timings: [
      { format: 'dense', sparsity: 0, nsPerCall: tDense, speedup: 1, theoretical: 1, bytes: sum(layers) },
      { format: 'CSR', sparsity: spec.sparsity, nsPerCall: tCsr, speedup: tDense / tCsr, theoretical: 1 / (1 - spec.sparsity), bytes: sum(unstructured) },
      { format: '2:4', sparsity: PATTERN.sparsityOf24, nsPerCall: t24, speedup: tDense / t24, theoretical: 1 / (1 - PATTERN.sparsityOf24), bytes: sum(two4) },
    ],
  }
}
