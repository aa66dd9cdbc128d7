// evaluate(): one recipe on one track → memory, latency, speedups, energy, accuracy, budget checks, impact.
import type { BudgetCheck, Evaluation, Recipe, TrackId } from './types'
import type { ModelDef, TrackSpec } from './spec'
import { SPECS } from './tracks'
import { memoryOf, onChipPlacement } from './memory'
import { LADDER, REAL, floorSeconds, kernelsFor, speedups, timeOf, trafficOf, type Kernel, type Realism } from './latency'
import { energyOf, powerW } from './energy'
import { accuracyOf } from './accuracy'
import { validateRecipe } from './validate'
import { BASELINE_RECIPE } from './params'
import { withinLimit } from './floor'
import { FLOOR_BUDGET } from './words'

const UNIT: Record<string, number> = { 'B': 1, 'KB': 1e3, 'KiB': 1024, 'MB': 1e6, 'GB': 1e9, 'ms': 1e-3, 's': 1, 'W': 1, 'mW': 1e-3, 'min': 60, '%': 1, 'J': 1, 'mJ': 1e-3, 'µJ': 1e-6 }
export const toUnit = (valueSI: number, unit: string) => valueSI / (UNIT[unit] ?? 1)

export function modelOf(spec: TrackSpec, id: string): ModelDef {
  const m = spec.models.find((x) => x.id === id)
  if (!m) throw new Error(`no model ${id} in ${spec.id}`)
  return m
}

/** The track's baseline recipe, its model by id rather than by alias. */
export function baselineOf(spec: TrackSpec): Recipe {
  return { ...BASELINE_RECIPE, student: spec.baseline }
}

function timerWith(spec: TrackSpec, recipe: Recipe, model: ModelDef, kernel: Kernel) {
  const mem = memoryOf(spec, model, recipe, kernel.format)
  const place = onChipPlacement(spec, mem)
  const tr = trafficOf(spec, model, recipe, mem, place)
  return { model, mem, place, tr, kernel, time: (r: Realism) => timeOf(spec, model, recipe, mem, tr, kernel, r) }
}

/** The kernel (and storage format) the deployment would pick: the fastest whose memory fits, or the fastest of all
 *  when none fits (out of memory either way). Formats are chosen for speed; memory decides only when it must. */
function timer(spec: TrackSpec, recipe: Recipe) {
  const model = modelOf(spec, recipe.student)
  const options = kernelsFor(spec, recipe).map((kn) => {
    const t = timerWith(spec, recipe, model, kn)
    return { t, seconds: t.time(REAL).seconds }
  })
  const fitting = options.filter((o) => o.t.place.fits)
  const pool = fitting.length > 0 ? fitting : options
  return pool.reduce((best, o) => (o.seconds < best.seconds ? o : best)).t
}

const baseCache = new Map<TrackSpec, number[]>()
/** The FP16 dense baseline's time at every rung of the realism ladder, memoised per track (it never changes). */
function baseLadder(spec: TrackSpec): number[] {
  let b = baseCache.get(spec)
  if (!b) {
    const t = timer(spec, baselineOf(spec))
    b = LADDER.map((r) => t.time(r).seconds)
    baseCache.set(spec, b)
  }
  return b
}

/** Evaluates an already-validated recipe (internal; the public evaluate() validates first). */
export function evaluateSpec(spec: TrackSpec, recipe: Recipe): Evaluation {
  const teacher = modelOf(spec, spec.baseline)
  const cur = timer(spec, recipe)
  const real = cur.time(REAL)
  const latencyS = real.seconds
  const ladder = LADDER.map((r, i) => (i === LADDER.length - 1 ? latencyS : cur.time(r).seconds))
  const sp = speedups(spec, recipe, cur.kernel, baseLadder(spec), ladder)
  const floorS = floorSeconds(spec, cur.tr, real.macsExecuted, recipe)
  const en = energyOf(spec, recipe, cur.tr, real.macsExecuted, latencyS)
  const acc = accuracyOf(spec, teacher, cur.model, recipe)
  const m = cur.mem
  const metadataBytes = m.quantMetadataBytes + m.sparseMetadataBytes
  const totalBytes = m.weightsBytes + metadataBytes + m.activationsBytes + m.kvCacheBytes
  const level = spec.machine.fitLevel === 'main' ? spec.machine.main : spec.machine.onChip
  // the memory budget: the whole footprint in main memory, or (MCUs) what must sit in SRAM
  const budgetBytes = spec.machine.fitLevel === 'main' ? totalBytes : cur.place.onChipBytes
  const power = powerW(spec, en.totalJ, latencyS)
  const batteryMin = spec.batteryJ ? spec.batteryJ.value / power / 60 : 0
  const capacityBytes = level.capacityBytes.value

  const valueOf: Record<string, number> = {
    memory: budgetBytes, latency: latencyS, power, battery: batteryMin * 60, [FLOOR_BUDGET]: acc.accuracy, energy: en.totalJ,
  }
  const checks: BudgetCheck[] = spec.budgets.map((b) => {
    const value = b.name === FLOOR_BUDGET ? acc.accuracy : toUnit(valueOf[b.name], b.limit.unit)
    const pass = b.name === 'memory' ? cur.place.fits : withinLimit(b.sense, value, b.limit.value)
    return { name: b.name, pass, value, limit: b.limit.value, unit: b.limit.unit }
  })
  const failing = checks.find((c) => !c.pass)
  return {
    memory: {
      weightsBytes: m.weightsBytes, metadataBytes, quantMetadataBytes: m.quantMetadataBytes, sparseMetadataBytes: m.sparseMetadataBytes,
      activationsBytes: m.activationsBytes, kvCacheBytes: m.kvCacheBytes, totalBytes, capacityBytes, fits: cur.place.fits,
      weightsLevel: cur.tr.weightLevel.name, activationsLevel: cur.tr.actLevel.name, format: m.format, kernel: cur.kernel.name, onChipBytes: cur.place.onChipBytes,
    },
    latencyMs: latencyS * 1000,
    latencyFloorMs: floorS * 1000,
    bound: real.memS >= real.computeS ? 'memory' : 'compute',
    theoreticalSpeedup: sp.theoretical,
    realizedSpeedup: sp.realized,
    speedupSteps: sp.steps,
    energyPerInferenceJ: en.totalJ,
    energy: { computeJ: en.computeJ, dataMovementJ: en.dataMovementJ, staticJ: en.staticJ },
    accuracy: acc.accuracy,
    accuracyDrop: teacher.accuracy.value - acc.accuracy,
    checks,
    binding: failing ? failing.name : null,
    impact: spec.story.impact({ latencyS, energyJ: en.totalJ, powerW: power, batteryMin, totalBytes }, spec),
  }
}

export function evaluate(track: TrackId, recipe: Recipe): Evaluation {
  const r = validateRecipe(track, recipe)
  return evaluateSpec(SPECS[track], r)
}
