// Energy per inference: MACs × energy per MAC at the executed precision and the chip's process node
// + bytes × energy per byte of the memory they come from + busy power × latency.
import type { TrackSpec } from './spec'
import type { Traffic } from './latency'
import { OP_ENERGY } from './constants'
import type { Recipe, Sourced } from './types'

export interface EnergyParts { computeJ: number; dataMovementJ: number; staticJ: number; totalJ: number }

/** Energy of one multiply-accumulate at the precision the machine runs `recipe` at, on its process node. */
export function macEnergy(spec: TrackSpec, precision: Recipe['precision']): Sourced {
  const e = OP_ENERGY[spec.machine.node]
  return spec.machine.paths[precision].execAs === 'fp16' ? e.fp16Mac : e.int8Mac
}

export function energyOf(spec: TrackSpec, recipe: Recipe, tr: Traffic, macsExecuted: number, latencyS: number): EnergyParts {
  const computeJ = macsExecuted * macEnergy(spec, recipe.precision).value
  const dataMovementJ = tr.weightBytes * tr.weightLevel.energyPerByteJ.value
    + tr.actBytes * tr.actLevel.energyPerByteJ.value
    + tr.kvBytes * spec.machine.main.energyPerByteJ.value
  const staticJ = spec.machine.activePowerW.value * latencyS
  return { computeJ, dataMovementJ, staticJ, totalJ: computeJ + dataMovementJ + staticJ }
}

/** Average power the track cares about: back-to-back inference when its rate is 0 (cloud decode), else at its rate;
 *  `baselinePowerW` is drawn whatever the model does, or only while idle when `baselineWhenIdle` (a sleeping MCU). */
export function powerW(spec: TrackSpec, energyJ: number, latencyS: number): number {
  const rate = spec.ratePerS.value > 0 ? Math.min(spec.ratePerS.value, 1 / latencyS) : 1 / latencyS
  const busy = Math.min(1, rate * latencyS)
  const other = spec.baselineWhenIdle ? spec.baselinePowerW.value * (1 - busy) : spec.baselinePowerW.value
  return energyJ * rate + other
}
