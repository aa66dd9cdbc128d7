// Poll definitions and answer validation. The polls are the engine's prediction locks (LockDefinition);
// the service receives them at construction so tests can pass their own and the CLI passes the engine's LOCKS.
import type { LockDefinition } from '../engine/types.ts'

export type PollDefs = Record<string, LockDefinition>

/** Returns an error message, or null when `value` is a valid answer to `def`. */
export function answerError(def: LockDefinition, value: number): string | null {
  if (!Number.isFinite(value)) return 'value must be a finite number'
  if (def.kind === 'choice') {
    const n = def.options?.length ?? 0
    if (!Number.isInteger(value) || value < 0 || value >= n)
      return `value must be an option index 0..${n - 1} for ${def.title}`
    return null
  }
  const r = def.range
  if (!r) return `${def.title} has no range`
  if (value < r.min || value > r.max)
    return `value must be between ${r.min} and ${r.max} ${r.unit} for ${def.title}`
  return null
}

/** Sanity check of definitions at start-up (exactly 4 options; a sensible range). Throws on a bad definition. */
export function checkPollDefs(defs: PollDefs): void {
  for (const [id, d] of Object.entries(defs)) {
    if (d.id !== id) throw new Error(`poll key "${id}" differs from its id "${d.id}"`)
    if (d.kind === 'choice' && d.options?.length !== 4) throw new Error(`poll "${id}" must have exactly 4 options`)
    if (d.kind === 'number' && !(d.range && d.range.min < d.range.max && d.range.step > 0))
      throw new Error(`poll "${id}" needs a range with min < max and step > 0`)
  }
}
