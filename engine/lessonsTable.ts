// Renders lessons() as Markdown tables: `npm run lessons` prints them, engine/README.md and docs/lessons.md carry them
// (the presenter notes in pages/*.md link to docs/lessons.md), and a test fails when any copy drifts from the engine.
import type { TrackId } from './types'
import { SPARSITY, TRACK_IDS } from './params'
import { patternName, percent, precisionName } from './words'
import { SPECS } from './tracks'
import { archetypeAbsence, lessons } from './lessons'
import { LOCKS } from './locks'
import { toUnit } from './evaluate'
import { sig } from './format'

type Lessons = ReturnType<typeof lessons>

/** Energy in the unit the track quotes it in (J per token, mJ per frame, µJ per inference). */
function energy(track: TrackId, j: number): string {
  const unit = SPECS[track].story.energyUnit
  return `${sig(toUnit(j, unit), 2)} ${unit}`
}

type Row = [label: string, cell: (l: Lessons) => string]

const ROWS: Record<'part1' | 'part2' | 'part3' | 'ledger', Row[]> = {
  part1: [
    ['crisis at FP16 (binding budget)', (l) => l.crisis.binding ?? 'none'],
    ['knee / cliff (post-training, bits)', (l) => `${l.knee.kneeBits ?? '–'} / ${l.knee.cliffBits ?? '–'} → ${l.knee.precision ? precisionName(l.knee.precision) : 'none'}`],
    ['lock 1: footprint FP16 → INT8', (l) => `${sig(l.locks.quantization.value)}×`],
    ['lock 1: accuracy FP16 → INT8 (post-training)', (l) => LOCKS.quantizationAccuracy.options![l.locks.quantizationAccuracy.value]],
  ],
  part2: [
    ['part 2 starts at', (l) => l.part2.start],
    ['target (first failing budget)', (l) => l.part2.target ?? 'none: already in spec'],
    ['pruning window (no veto), by pattern', (l) => (l.part2.windows.length === 0 ? 'none' : l.part2.windows.map((w) => (w.pattern === '2:4' ? '2:4' : `${patternName(w.pattern)} ${percent(w.from)}–${percent(w.to)}${w.vetoFrom === null ? ` (no veto up to ${percent(SPARSITY.max)})` : `, veto from ${percent(w.vetoFrom)}`}`)).join('; '))],
    ['each pattern at the highest ratio the veto allows: speedup over dense, target met?', (l) => l.part2.verdicts.map((v) => `${patternName(v.pattern)} ${v.safeTo === null ? 'vetoed' : `${percent(v.safeTo)}: ${sig(v.speedup, 2)}×, ${v.hit ? 'meets' : 'misses'}`}`).join('; ')],
    ['lock 2: 50% unstructured vs dense, at part 2\'s precision', (l) => `${sig(l.locks.sparsity.value, 2)}×`],
  ],
  part3: [
    ['workbench opens on (part 2\'s answer): scratch → distilled at best T (teacher)', (l) => `${l.part3.student}: ${l.part3.scratch.toFixed(1)} → ${l.part3.distilled.toFixed(1)} (${l.part3.teacher.toFixed(1)})`],
    ['best temperature', (l) => l.temperatures.map((t) => `${t.name} ${t.alreadyDistilled ? 'any (already distilled)' : t.plateau ? 'any (large: flat)' : sig(t.best, 2)}`).join('; ')],
    ['stakeholder −20%: smaller distilled student', (l) => (l.stakeholder ? `${l.stakeholder.label} (−${percent(l.stakeholder.reduction)}, +${sig(l.stakeholder.margin, 2)} over the floor)` : 'none')],
    ['lock 3: 4-bit distilled vs 8-bit scratch', (l) => LOCKS.distillation.options![l.locks.distillation.value]],
  ],
  ledger: [
    ['heavy (teacher, INT4/binary, in spec)', (l) => (l.archetypes.heavy ? `${l.archetypes.heavy.label}: ${energy(l.track, l.archetypes.heavy.evaluation.energyPerInferenceJ)}` : `none in spec: ${archetypeAbsence(l.track, 'heavy')?.text}`)],
    ['light (distilled student, INT8/FP16, in spec)', (l) => (l.archetypes.light ? `${l.archetypes.light.label}: ${energy(l.track, l.archetypes.light.evaluation.energyPerInferenceJ)}` : `none in spec: ${archetypeAbsence(l.track, 'light')?.text}`)],
  ],
}
export type LessonPart = keyof typeof ROWS
export const LESSON_PARTS = Object.keys(ROWS) as LessonPart[]

const esc = (s: string) => s.replace(/\|/g, '\\|')

/** One part's rows as a Markdown table with a column per track. */
export function lessonsMarkdown(part: LessonPart): string {
  const all = TRACK_IDS.map((t) => lessons(t))
  const lines = [`| | ${TRACK_IDS.map((t) => SPECS[t].name).join(' | ')} |`, `|---|${TRACK_IDS.map(() => '---').join('|')}|`]
  for (const [label, cell] of ROWS[part]) lines.push(`| ${label} | ${all.map((l) => esc(cell(l))).join(' | ')} |`)
  return lines.join('\n')
}

const TITLE: Record<LessonPart, string> = { part1: 'Part 1 · quantization', part2: 'Part 2 · sparsity', part3: 'Part 3 · distillation', ledger: 'The ledger' }

/** Every part's table under its own heading (for `npm run lessons` and engine/README.md). */
export function allLessonsMarkdown(): string {
  return LESSON_PARTS.map((p) => `#### ${TITLE[p]}\n\n${lessonsMarkdown(p)}\n`).join('\n')
}

/** Where each part's table lives for the presenter: docs/lessons.md (generated), which the notes link to instead of
 *  carrying the four-track tables themselves (too wide and too long to read in the presenter view while speaking). */
export const LESSONS_DOC = 'docs/lessons.md'
/** The page of the deck whose notes link to each part's table. */
export const LESSONS_PAGE: Record<LessonPart, string> = { part1: '01-quantization.md', part2: '02-sparsity.md', part3: '03-distillation.md', ledger: '04-contract.md' }

/** The one line in a page's presenter notes that points to its part's table. */
export const NOTES_LINK = (part: LessonPart) => `Per track: ${LESSONS_DOC}, "${TITLE[part]}" (\`npm run lessons\`).`

const GENERATED = '<!-- generated by lessonsDoc() in engine/lessonsTable.ts: npm run lessons -- --write -->'

/** The whole of docs/lessons.md: every part's table, for the presenter to read before the lecture or beside it. */
export function lessonsDoc(): string {
  return `# What each track teaches\n\n${GENERATED}\n\nThe presenter notes of each part link here, to the table under that part's heading. `
    + 'Every figure is the engine\'s (`engine/lessons.ts`); `npm run lessons -- --write` refreshes this file, and a test fails when it drifts.\n\n'
    + `${allLessonsMarkdown()}`
}
export const LESSONS_BEGIN = '<!-- lessons: generated by allLessonsMarkdown(); npm run lessons -- --write -->'
export const LESSONS_END = '<!-- /lessons -->'

/** README text with the block between the lesson markers replaced by the current tables. */
export function withLessonsReadme(readme: string): string {
  const i = readme.indexOf(LESSONS_BEGIN), j = readme.indexOf(LESSONS_END)
  if (i < 0 || j < 0) return readme
  return `${readme.slice(0, i + LESSONS_BEGIN.length)}\n\n${allLessonsMarkdown()}\n${readme.slice(j)}`
}
