// The storyboard's prediction locks; every answer key is computed from evaluate(). Lock 1 asks two things (the
// footprint factor and what happens to accuracy), so it is two polls shown on one slide: quantization + quantizationAccuracy.
import type { LockAnswer, LockDefinition, LockId, Recipe, TrackId } from './types'
import { SPECS } from './tracks'
import { baselineOf, evaluateSpec, modelOf } from './evaluate'
import { validateTrack, EngineInputError } from './validate'
import { bestTemperature } from './temperature'
import { part2Start } from './lessons'
import { sig } from './format'
import { percentSig, precisionName, pruningText, temperatureText } from './words'

export const LOCKS: Record<LockId, LockDefinition> = {
  quantization: {
    id: 'quantization', kind: 'number', title: 'the FP16 → INT8 prediction',
    question: 'If you move from FP16 to INT8, by what factor does your memory footprint shrink?',
    range: { min: 1, max: 8, step: 0.1, unit: '×' },
  },
  quantizationAccuracy: {
    id: 'quantizationAccuracy', kind: 'choice', title: 'the FP16 → INT8 accuracy prediction',
    question: 'And what happens to accuracy (post-training INT8, no retraining)?',
    options: ['About the same: under 1 point lost', 'A small drop: 1–5 points', 'A large drop: 5–20 points', 'A collapse: over 20 points lost'],
  },
  sparsity: {
    id: 'sparsity', kind: 'number', title: 'the 50% pruning prediction',
    question: 'Does 50% unstructured pruning result in a 2× speedup on your hardware? Predict the realized speedup over the same model dense, at the precision you chose in part 1.',
    range: { min: 0.5, max: 2.5, step: 0.05, unit: '×' },
  },
  distillation: {
    id: 'distillation', kind: 'choice', title: 'the 4-bit distillation prediction',
    question: 'Can a 4-bit model trained with Distillation outperform an 8-bit model trained from scratch?',
    options: ['Yes, by more than 1 point', 'Yes, by up to 1 point', 'No, within 1 point below', 'No, by more than 1 point'],
  },
}
/** The locks in the lecture's order (the takeaway and the instructor's report list them so). */
export const LOCK_IDS = Object.keys(LOCKS) as LockId[]

/** Lock 2's question: the storyboard's "prune 50% of the weights", unstructured. */
const LOCK2_PRUNING = { sparsity: 0.5, pattern: 'unstructured' } as const satisfies Partial<Recipe>
const signed = (x: number) => (Math.abs(x) < 0.05 ? '±0.0' : `${x > 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`)

/** Index into LOCKS.distillation.options for a difference (distilled INT4 − scratch INT8) in metric points. */
function distillationOption(diff: number): number {
  if (diff > 1) return 0
  if (diff > 0) return 1
  if (diff >= -1) return 2
  return 3
}

/** Index into LOCKS.quantizationAccuracy.options for the accuracy lost FP16 → INT8 post-training, in metric points.
 *  The bands are round numbers a deployment decision turns on (1 point is about MLPerf's 99%-of-reference bar). */
export function quantizationAccuracyOption(lost: number): number {
  if (lost < 1) return 0
  if (lost <= 5) return 1
  if (lost <= 20) return 2
  return 3
}

export function lockAnswer(track: TrackId, lock: LockId): LockAnswer {
  const spec = SPECS[validateTrack(track)]
  const unit = spec.metric.unit === '%' ? ' points' : ` ${spec.metric.unit}`
  const base = baselineOf(spec)
  const [fp16, int8, int4] = (['fp16', 'int8', 'int4'] as const).map(precisionName)
  switch (lock) {
    case 'quantization': {
      const f = evaluateSpec(spec, base)
      const i = evaluateSpec(spec, { ...base, precision: 'int8' })
      const value = f.memory.totalBytes / i.memory.totalBytes
      const why = `${f.memory.kvCacheBytes > 0 ? `the ${fp16} KV cache, ` : ''}activations and the ${int8} scales do not halve`
      return { value, basis: [{ label: fp16, recipe: base }, { label: int8, recipe: { ...base, precision: 'int8' } }], explanation: `The total footprint shrinks ${value.toFixed(2)}× (${value < 1.995 ? `not quite 2×: ${why}` : 'weights and activations both drop to 8 bits'}).` }
    }
    case 'quantizationAccuracy': {
      const int8Recipe: Recipe = { ...base, precision: 'int8' }
      const f = evaluateSpec(spec, base)
      const i = evaluateSpec(spec, int8Recipe)
      const i4 = evaluateSpec(spec, { ...base, precision: 'int4' })
      const value = quantizationAccuracyOption(f.accuracy - i.accuracy)
      return { value, basis: [{ label: fp16, recipe: base }, { label: int8, recipe: int8Recipe }], explanation: `${LOCKS.quantizationAccuracy.options![value]}. Post-training ${int8} scores ${sig(i.accuracy)} vs ${sig(f.accuracy)} at ${fp16} (${signed(i.accuracy - f.accuracy)}${unit}); ${int4} would score ${sig(i4.accuracy)} (${signed(i4.accuracy - f.accuracy)}${unit}).` }
    }
    case 'sparsity': {
      // on the student's own recipe: part 1's answer (the knee's precision), dense against 50% unstructured, as the
      // part-2 workbench shows it a minute later
      const dense = part2Start(track)
      const r: Recipe = { ...dense, ...LOCK2_PRUNING }
      const d = evaluateSpec(spec, dense)
      const e = evaluateSpec(spec, r)
      const value = d.latencyMs / e.latencyMs
      const p = precisionName(dense.precision)
      const saved = 1 - e.memory.totalBytes / d.memory.totalBytes
      const why = e.memory.format === 'dense'
        ? `the fastest format here is ${e.memory.kernel}: no sparse format beats dense, so the zeros are multiplied anyway on the ${spec.machine.paths[dense.precision].unit}, and no memory is saved either`
        : spec.machine.unstructured.skip
          ? `stored as a ${e.memory.kernel}, the ${spec.machine.unstructured.skip.unit} skips the pruned multiplies but runs the rest below its dense rate, and the index costs bytes; memory shrinks ${percentSig(saved, 2)}`
          : `stored as a ${e.memory.kernel}, fewer bytes move but every multiply still runs on the ${spec.machine.paths[dense.precision].unit}; memory shrinks ${percentSig(saved, 2)}`
      const theory = 1 / (1 - r.sparsity)
      const pruned = pruningText(r.sparsity, r.pattern)
      return { value, basis: [{ label: `${p} dense`, recipe: dense }, { label: `${p}, ${pruned}`, recipe: r }], explanation: `${value < 1.9 ? 'No' : 'Yes'}: at ${p}, ${pruned} pruning gives ${sig(value, 3)}× over dense ${p} on ${spec.machine.name} (${theory}× if every pruned weight were saved work): ${why}.` }
    }
    case 'distillation': {
      const id = spec.lockStudent
      const name = modelOf(spec, id).name
      const t = bestTemperature(track, id)
      const rd: Recipe = { ...base, student: id, precision: 'int4', distill: true, temperature: t }
      const rs: Recipe = { ...base, student: id, precision: 'int8', distill: false }
      const d = evaluateSpec(spec, rd)
      const s = evaluateSpec(spec, rs)
      const diff = d.accuracy - s.accuracy
      const value = distillationOption(diff)
      return { value, basis: [{ label: `${name} ${int4} distilled`, recipe: rd }, { label: `${name} ${int8} from scratch`, recipe: rs }], explanation: `${LOCKS.distillation.options![value]}: ${name} at ${int4} distilled (${temperatureText(t)}) scores ${sig(d.accuracy)} vs ${sig(s.accuracy)} at ${int8} from scratch (${signed(diff)}${unit}).` }
    }
    default: throw new EngineInputError('lock', `unknown lock ${JSON.stringify(lock)}`)
  }
}
