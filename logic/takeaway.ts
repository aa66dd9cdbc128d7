// A student's takeaway (issue 22 #3): what they leave the lecture with, from what their browser kept. Per lock their
// prediction, the engine's key for their track, the gap and the engine's one-line explanation; their part-2 tries and the
// window the engine finds; their contract and where its energy goes; the class's figures where the lecture was live (or
// baked into the build). Pure builders (tested); the page (components/StudentTakeaway.vue) and the downloads read them.
import { LOCKS, lockAnswer, TRACKS, shareText, specVerdictText } from '../engine'
import type { LockId, Recipe, TrackId } from '../engine'
import { CONFIDENCE_LEVELS, type Distribution, type GameCounts } from '../server/api'
import { calibration, confidentWrongText } from './calibration'
import { describeGap, label } from './lockGap'
import { attemptStatus, MAX_ATTEMPTS, windowText, type Attempt } from './sparsity'
import { buildContract, energySplitText } from './ledger'
import { formatJoules } from './format'
import { esc, htmlPage } from './printPage'

/** `confidence`: how sure they said they were (an index into CONFIDENCE_LEVELS), null when not said */
export interface TakeawayLockInput { id: LockId; mine: number | null; confidence?: number | null; dist: Distribution | null }
export interface TakeawayInput {
  track: TrackId
  locks: TakeawayLockInput[]
  attempts: Attempt[]
  /** the recipe of their contract: the one they submitted in a live class, else the deck's */
  recipe: Recipe
  /** where the class's figures come from: a live class, the last live class baked into the build, or none */
  classFrom: 'live' | 'baked' | null
  /** the class's part-2 results on this track, once revealed */
  game?: GameCounts | null
  generatedAt?: string
}

export interface TakeawayLock {
  id: LockId
  title: string
  question: string
  mine: string | null
  /** how sure they said they were, in words */
  sure: string | null
  key: string
  /** their answer against the key, in words; null when they did not answer */
  gap: string | null
  /** the engine's one line on why the key is what it is */
  explanation: string
  /** the class's figure for this lock, or null without class results */
  room: string | null
}

export interface Takeaway {
  track: { id: TrackId; name: string; machine: string }
  locks: TakeawayLock[]
  part2: { tries: number; maxTries: number; result: string; window: string; room: string | null }
  contract: { recipeText: string; verdict: string; energy: string; energySplit: string }
  classFrom: TakeawayInput['classFrom']
  generatedAt?: string
}

/** The class's figure for one lock: how many answered and what they said (the room was on mixed tracks: the share that
 *  chose this track's key is not a score, so it says "chose", not "got right"). */
export function roomLine(id: LockId, dist: Distribution | null, key: number): string | null {
  if (!dist || dist.count === 0) return null
  const n = `${dist.count} ${dist.count === 1 ? 'answer' : 'answers'}`
  if (dist.kind === 'choice') {
    const k = dist.counts?.[key] ?? 0
    return `Class: ${n}; ${k} (${shareText(k / dist.count)}) chose “${label(LOCKS[id], key)}”.`
  }
  return dist.median == null ? `Class: ${n}.` : `Class: ${n}, median ${label(LOCKS[id], dist.median)}.`
}

/** The class's line, then "In the room, confident and wrong: 3 of 8 (38%)." where anyone said how sure. */
function roomWithCalibration(line: string | null, confidentWrong: string | null): string | null {
  return line && confidentWrong ? `${line} In the room, ${confidentWrong}.` : line
}

/** Their part-2 game in words: "found the window on try 3 of 10", "ran out of tries (10 of 10)", "not played". */
export function gameResult(attempts: Attempt[]): string {
  const status = attemptStatus(attempts)
  if (attempts.length === 0) return 'not played'
  if (status === 'success') return `found the window on try ${attempts.findIndex((a) => a.hit && !a.veto) + 1} of ${MAX_ATTEMPTS}`
  if (status === 'out') return `ran out of tries (${attempts.length} of ${MAX_ATTEMPTS})`
  return `${attempts.length} of ${MAX_ATTEMPTS} tries, window not found yet`
}

/** The class's part-2 results on this track: "Class on Edge Guardian: 7 of 9 found the window (most on try 4)". */
export function gameRoomLine(trackName: string, g: GameCounts | null | undefined): string | null {
  if (!g || g.count === 0) return null
  const found = g.found.reduce((a, b) => a + b, 0)
  const most = g.found.indexOf(Math.max(...g.found))
  return `Class on ${trackName}: ${found} of ${g.count} found the window${found > 0 ? ` (most on try ${most + 1})` : ''}.`
}

export function buildTakeaway(input: TakeawayInput): Takeaway {
  const t = TRACKS[input.track]
  const contract = buildContract(input.track, input.recipe)
  return {
    track: { id: input.track, name: t.name, machine: t.machine.name },
    locks: input.locks.map(({ id, mine, confidence, dist }) => {
      const def = LOCKS[id]
      const key = lockAnswer(input.track, id)
      return {
        id, title: def.title, question: def.question,
        mine: mine === null ? null : label(def, mine),
        sure: mine === null || confidence == null ? null : CONFIDENCE_LEVELS[confidence] ?? null,
        key: label(def, key.value),
        gap: describeGap(def, mine, key.value),
        explanation: key.explanation,
        room: roomWithCalibration(roomLine(id, dist, key.value), dist?.rated ? confidentWrongText(calibration(id, dist.rated)) : null),
      }
    }),
    part2: {
      tries: input.attempts.length, maxTries: MAX_ATTEMPTS, result: gameResult(input.attempts), window: windowText(input.track),
      room: gameRoomLine(t.name, input.game),
    },
    contract: {
      recipeText: contract.recipeText,
      verdict: specVerdictText(contract.binding),
      energy: formatJoules(contract.figures.energyPerInferenceJ),
      energySplit: energySplitText(contract.energy),
    },
    classFrom: input.classFrom,
    ...(input.generatedAt ? { generatedAt: input.generatedAt } : {}),
  }
}

const CLASS_FROM = { live: 'from the live class', baked: 'from the last live class (baked into this deck)' } as const

export function takeawayToMarkdown(t: Takeaway): string {
  const lines = [
    `# My takeaway — The Silicon Contract, ${t.track.name}`,
    '',
    `Machine: ${t.track.machine}`,
    '',
    '## My predictions',
    '',
    ...t.locks.flatMap((l) => [
      `### ${l.question}`,
      '',
      `- My answer: ${l.mine ?? 'not answered'}${l.sure ? ` (${l.sure})` : ''}`,
      `- Key (${t.track.name}): ${l.key}`,
      ...(l.gap ? [`- Gap: ${l.gap}`] : []),
      `- Why: ${l.explanation}`,
      ...(l.room ? [`- ${l.room}${t.classFrom ? ` (${CLASS_FROM[t.classFrom]})` : ''}`] : []),
      '',
    ]),
    '## Part 2: the ten tries',
    '',
    `- My game: ${t.part2.result}`,
    `- ${t.part2.window}`,
    ...(t.part2.room ? [`- ${t.part2.room}`] : []),
    '',
    '## My contract',
    '',
    `- Recipe: ${t.track.name}, ${t.contract.recipeText}: ${t.contract.verdict}`,
    `- Energy per inference: ${t.contract.energy}, ${t.contract.energySplit}`,
    '',
    '_Keys, explanations and figures are modelled by the deck\'s engine, not measured on hardware._',
  ]
  if (t.generatedAt) lines.push('', `Generated ${t.generatedAt}`)
  return lines.join('\n') + '\n'
}

/** The takeaway as one print-ready page (logic/printPage.ts). */
export function takeawayToHtml(t: Takeaway): string {
  const from = t.classFrom ? ` <span class="muted">(${esc(CLASS_FROM[t.classFrom])})</span>` : ''
  const rows = t.locks.map((l) => `<tr data-lock="${esc(l.id)}"><th scope="row">${esc(l.question)}</th><td>${esc(l.mine ?? '—')}${l.sure ? ` <i>(${esc(l.sure)})</i>` : ''}</td>`
    + `<td class="key">${esc(l.key)}</td><td><b>${esc(l.gap ?? 'not answered')}.</b> ${esc(l.explanation)}`
    + `${l.room ? `<br><i>${esc(l.room)}</i>${from}` : ''}</td></tr>`)
  const body = [
    `<h1>My takeaway — The Silicon Contract, ${esc(t.track.name)}</h1>`,
    `<p class="muted">Machine: ${esc(t.track.machine)}</p>`,
    '<h2>My predictions</h2>',
    `<table><thead><tr><th scope="col">Question</th><th scope="col">Mine</th><th scope="col">Key (${esc(t.track.name)})</th><th scope="col">Gap and why</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    '<h2>Part 2: the ten tries</h2>',
    `<p>My game: <b>${esc(t.part2.result)}</b>.</p><p>${esc(t.part2.window)}</p>${t.part2.room ? `<p><i>${esc(t.part2.room)}</i></p>` : ''}`,
    '<h2>My contract</h2>',
    `<p>${esc(t.contract.recipeText)}: <b>${esc(t.contract.verdict)}</b>.</p>`,
    `<p>Energy per inference: <b>${esc(t.contract.energy)}</b>, ${esc(t.contract.energySplit)}.</p>`,
    '<p class="muted">Keys, explanations and figures are modelled by the deck\'s engine, not measured on hardware.'
    + `${t.generatedAt ? ` Generated ${esc(t.generatedAt)}.` : ''}</p>`,
  ]
  return htmlPage(`My takeaway — ${t.track.name}`, body.join('\n'))
}
