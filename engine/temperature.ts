// Part 3's temperature: the one each student distils best at, on the slider's own grid.
import type { TrackId } from './types'
import { SPECS } from './tracks'
import { baselineOf, modelOf } from './evaluate'
import { EngineInputError, validateTrack } from './validate'
import { BASELINE_ALIAS, gridOf, TEMPERATURE } from './params'
import { accuracyOf } from './accuracy'
import { memo } from './memo'

const tempCache = memo<string, number>()
/** Temperature (1..20, at the slider's step: a best T the slider cannot set is no answer) that maximises the distilled
 *  student's accuracy (the lowest one that reaches it: a large student plateaus above its optimum). */
export function bestTemperature(track: TrackId, student: string): number {
  const spec = SPECS[validateTrack(track)]
  const id = student === BASELINE_ALIAS ? spec.baseline : student
  if (!spec.models.some((m) => m.id === id)) throw new EngineInputError('student', `unknown model ${JSON.stringify(student)} for ${track}`)
  const key = `${track}/${id}`
  const hit = tempCache.get(key)
  if (hit !== undefined) return hit
  const teacher = modelOf(spec, spec.baseline)
  const model = modelOf(spec, id)
  // the teacher and already-distilled students gain nothing from the temperature: keep the default
  if (id === spec.baseline || model.preDistilled) { tempCache.set(key, TEMPERATURE.default); return TEMPERATURE.default }
  const score = (t: number) => accuracyOf(spec, teacher, model, { ...baselineOf(spec), student: id, precision: 'int4', distill: true, temperature: t }).accuracy
  let best: number = TEMPERATURE.min, bestScore = -Infinity
  for (const t of gridOf(TEMPERATURE.min, TEMPERATURE.max, TEMPERATURE.sliderStep)) {
    const s = score(t)
    if (s > bestScore + 1e-12) { bestScore = s; best = t }
  }
  tempCache.set(key, best)
  return best
}
