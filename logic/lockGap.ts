// Words for the reveal: the viewer's answer against the engine's, e.g.
// "you predicted 2×, the hardware gives 1.1×: 82% too high". Pure functions (no Vue), tested on their own.
import { percent, type LockDefinition } from '../engine'
import type { Phase } from '../server/api'
import { plainSig } from './format'

/** 2 (default) or 3 significant digits, the precision the model can honestly claim, as plain digits (no thousands
 *  separator: these also go into KaTeX, where a comma is punctuation); whole numbers from 100 up. */
export function fmt(x: number, digits: 2 | 3 = 2): string {
  return Math.abs(x) >= 100 && Number.isFinite(x) ? String(Math.round(x)) : plainSig(x, digits)
}

/** The number an option label stands for ('2×', '4x smaller', '~1.1×'), or null if it is not a quantity. */
export function magnitude(label: string): number | null {
  const m = label.match(/^\s*[~≈]?\s*(\d+(?:\.\d+)?)\s*(×|x\b)/i)
  return m ? Number(m[1]) : null
}

export function label(def: LockDefinition, value: number): string {
  if (def.kind === 'choice') return def.options?.[value] ?? `option ${value + 1}`
  const unit = def.range?.unit ?? ''
  return `${fmt(value, 3)}${unit === '×' || unit === '%' ? '' : ' '}${unit}`.trim()
}

/** Within this share of the key a number answer is "spot on" (and, for the room's calibration, right). */
export const SPOT_ON = 0.05

/** The signed miss of `mine` against `key`: a percentage of the key ("5% too low"), or "spot on" within SPOT_ON. */
export function offBy(mine: number, key: number, unit: string): string {
  if (key !== 0) {
    const rel = (mine - key) / Math.abs(key)
    return Math.abs(rel) < SPOT_ON ? `spot on (within ${percent(SPOT_ON)})` : `${percent(Math.abs(rel))} too ${rel > 0 ? 'high' : 'low'}`
  }
  const d = mine - key
  return d === 0 ? 'spot on' : `${fmt(Math.abs(d))} ${unit} too ${d > 0 ? 'high' : 'low'}`.replace('  ', ' ')
}

/** One sentence comparing the viewer's answer with the key; null when the viewer did not answer. */
export function describeGap(def: LockDefinition, mine: number | null | undefined, key: number): string | null {
  if (mine === null || mine === undefined) return null
  const you = label(def, mine)
  const truth = label(def, key)
  if (def.kind === 'number') return `you predicted ${you}, the hardware gives ${truth}: ${offBy(mine, key, def.range?.unit ?? '')}`
  if (mine === key) return `you chose “${you}”, and that is the answer`
  const [a, b] = [magnitude(you), magnitude(truth)]
  const tail = a !== null && b !== null ? `: ${offBy(a, b, '')}` : ''
  return `you chose “${you}”, the answer is “${truth}”${tail}`
}

/** "1 answer in", "12 answers in"; for a lock of several parts whose counts differ, "12 / 11 answers in". */
export function answersIn(counts: number[]): string {
  const same = counts.every((n) => n === counts[0])
  const n = same ? counts[0] ?? 0 : null
  return `${same ? n : counts.join(' / ')} ${n === 1 ? 'answer' : 'answers'} in`
}

/** The phase a lock of several parts shows: open while any part takes answers, revealed once every part is. */
export function slidePhase(phases: Phase[]): Phase {
  if (phases.includes('open')) return 'open'
  return phases.every((p) => p === 'revealed') ? 'revealed' : 'locked'
}

/** A lock's field on mounting: the uncommitted draft this viewer typed before the slide changed, else the saved answer. */
export function restoredDraft(kept: number | null, mine: number | null): number | null {
  return kept ?? mine
}
/** What to keep of a field across slide changes: only a value that differs from the saved answer (uncommitted). */
export function draftToKeep(draft: number | null, mine: number | null): number | null {
  return draft !== null && draft !== mine ? draft : null
}

/** An answer card's words: the option in bold, then the engine's explanation, which often opens with that option already
 *  ("Yes, by more than 1 point: …"): then it is said once. */
export function answerWords(option: string, explanation: string): { lead: string; rest: string } {
  return explanation.startsWith(option) ? { lead: option, rest: explanation.slice(option.length) } : { lead: `${option}.`, rest: ` ${explanation}` }
}

/** The late-answer line of a lock (one line for all its parts, so it fits under the form): what was not sent, and the
 *  answer that counts. "Not sent (arrived after the lock): 2.1×; A collapse. You have no saved answer this round." */
export function lateLine(unsent: { draft: string; mine: string | null }[]): string {
  const saved = unsent.filter((u) => u.mine !== null).map((u) => u.mine)
  const counts = saved.length === 0
    ? 'You have no saved answer this round.'
    : `Your saved ${saved.length === 1 ? 'answer is' : 'answers are'} ${saved.join('; ')}.`
  return `Not sent (arrived after the lock): ${unsent.map((u) => u.draft).join('; ')}. ${counts}`
}
