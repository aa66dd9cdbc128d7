// Energy per inference: MACs × energy per MAC at the executed precision + bytes × energy per byte at their level
// + busy power × latency.
import type { TrackSpec } from './spec'
import type { Traffic } from './latency'
import { E_FP16_MAC, E_INT8_MAC } from './constants'
import type { Recipe } from './types'

export interface EnergyParts { computeJ: number; dataMovementJ: number; staticJ: number; totalJ: number }

export function energyOf(spec: TrackSpec, recipe: Recipe, tr: Traffic, macsExecuted: number, latencyS: number): EnergyParts {
  const exec = spec.machine.paths[recipe.precision].execAs
  const computeJ = macsExecuted * (exec === 'fp16' ? E_FP16_MAC.value : E_INT8_MAC.value)
  const dataMovementJ = tr.weightBytes * tr.weightLevel.energyPerByteJ.value
    + tr.actBytes * tr.actLevel.energyPerByteJ.value
    + tr.kvBytes * spec.machine.main.energyPerByteJ.value
  const staticJ = spec.machine.activePowerW.value * latencyS
  return { computeJ, dataMovementJ, staticJ, totalJ: computeJ + dataMovementJ + staticJ }
}

/** Average power the track cares about: cloud back-to-back decode; edge/mobile/tiny at their inference rate. */
export function powerW(spec: TrackSpec, energyJ: number, latencyS: number): number {
  const rate = spec.ratePerS.value > 0 ? Math.min(spec.ratePerS.value, 1 / latencyS) : 1 / latencyS
  const busy = Math.min(1, rate * latencyS)
  // rest-of-device power (mobile) is always on; tiny's sleep power applies outside the busy fraction
  const other = spec.id === 'tiny' ? spec.baselinePowerW.value * (1 - busy) : spec.baselinePowerW.value
  return energyJ * rate + other
}
