// The energy split and the closing slide's energy lesson, held to the engine: the parts are evaluate()'s own, the
// shares sum to one, the dominant part is the largest one, and the per-track facts the lesson states (static leads on
// Cloud, memory traffic leads a Tiny recipe whose weights stream from flash) are read from evaluate(), never typed.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { archetypes, baselineRecipe, evaluate, knee, TRACK_IDS, TRACKS, shareText } from '../../engine'
import type { Evaluation, Recipe, TrackId } from '../../engine'
import { buildContract, byShare, contractToMarkdown, dominantText, ENERGY_PART_WORDS, ENERGY_PARTS, energySplit, energySplitText } from '../../logic/ledger'
import type { EnergyPart } from '../../logic/ledger'
import { energyLessons, energySummary, lessonColumns, trackEnergyLesson } from '../../logic/energyLesson'

const PART_OF: Record<EnergyPart, keyof Evaluation['energy']> = { compute: 'computeJ', dataMovement: 'dataMovementJ', static: 'staticJ' }
/** the largest of the engine's three parts, named by its field: the reference the split is held to */
const largestField = (e: Evaluation) => (Object.keys(e.energy) as (keyof Evaluation['energy'])[]).reduce((a, b) => (e.energy[b] > e.energy[a] ? b : a))
const kneeRecipe = (t: TrackId): Recipe => ({ ...baselineRecipe(t), precision: knee(t).precision ?? 'fp16' })

/** every recipe the ledger and the lesson show by themselves on a track: its archetypes, its baseline, the teacher at the knee */
function recipesOf(track: TrackId): { name: string; recipe: Recipe }[] {
  const a = archetypes(track)
  return [
    ...(a.heavy ? [{ name: 'heavy', recipe: a.heavy.recipe }] : []),
    ...(a.light ? [{ name: 'light', recipe: a.light.recipe }] : []),
    { name: 'baseline', recipe: baselineRecipe(track) },
    { name: 'knee', recipe: kneeRecipe(track) },
  ]
}

describe.each(TRACK_IDS)('energy split on %s', (track) => {
  it.each(recipesOf(track))('$name: the parts are evaluate()\'s, the shares sum to 1, the dominant part is the largest', ({ recipe }) => {
    const e = evaluate(track, recipe)
    const s = energySplit(e)
    expect(s.parts.map((p) => p.part)).toEqual(ENERGY_PARTS)
    for (const p of s.parts) {
      expect(p.joules).toBe(e.energy[PART_OF[p.part]])
      expect(p.words).toBe(ENERGY_PART_WORDS[p.part].words)
      expect(p.share).toBeGreaterThanOrEqual(0)
    }
    expect(s.parts.reduce((sum, p) => sum + p.share, 0)).toBeCloseTo(1, 12)
    expect(s.totalJ).toBeCloseTo(e.energyPerInferenceJ, 12) // the three parts are the whole energy per inference
    expect(PART_OF[s.dominant]).toBe(largestField(e))
    // the sentence puts the dominant part first, then the others from larger to smaller
    const order = byShare(s)
    expect(order[0].part).toBe(s.dominant)
    expect(order[1].joules).toBeGreaterThanOrEqual(order[2].joules)
    expect(energySplitText(s).startsWith(`mostly ${dominantText(s)} · `)).toBe(true)
  })

  it('the contract, each comparison row and the Markdown carry the split of their own recipe', () => {
    const r = { ...baselineRecipe(track), precision: 'int8' as const }
    const c = buildContract(track, r)
    expect(c.energy).toEqual(energySplit(evaluate(track, r)))
    for (const row of c.comparison) expect(row.energySplit).toEqual(energySplit(evaluate(track, row.recipe)))
    const md = contractToMarkdown(c)
    expect(md).toContain(energySplitText(c.energy))
    for (const p of c.energy.parts) expect(md).toContain(`${p.words}: `)
    for (const row of c.comparison) expect(md).toContain(`| ${dominantText(row.energySplit)} |`)
  })

  it('the lesson states the lower-energy in-spec archetype (else the teacher at the knee) and its split', () => {
    const l = trackEnergyLesson(track)
    const a = archetypes(track)
    const inSpec = [a.heavy, a.light].filter((x) => x !== null && x.evaluation.binding === null)
    const best = inSpec.length > 0 ? inSpec.reduce((x, y) => (y!.evaluation.energyPerInferenceJ < x!.evaluation.energyPerInferenceJ ? y : x))!.recipe : kneeRecipe(track)
    expect(l.best.recipe).toEqual(best)
    expect(l.best.split).toEqual(energySplit(evaluate(track, best)))
    expect(l.best.inSpec).toBe(evaluate(track, best).binding === null)
    expect(PART_OF[l.best.split.dominant]).toBe(largestField(evaluate(track, best)))
    if (l.contrast) {
      expect(l.contrast.split.dominant).not.toBe(l.best.split.dominant)
      expect(PART_OF[l.contrast.split.dominant]).toBe(largestField(evaluate(track, l.contrast.recipe)))
    }
  })
})

describe('what the engine finds per track', () => {
  it('on Cloud, static power leads the heavy INT4 teacher and the best in-spec recipe (as evaluate() parts say)', () => {
    const heavy = archetypes('cloud').heavy!
    expect(largestField(heavy.evaluation)).toBe('staticJ')
    expect(energySplit(heavy.evaluation).dominant).toBe('static')
    const best = trackEnergyLesson('cloud').best
    expect(largestField(evaluate('cloud', best.recipe))).toBe('staticJ')
    expect(best.split.dominant).toBe('static')
  })

  it('on Tiny, memory traffic leads a teacher whose weights stream from main memory (flash): part 1\'s INT8 answer', () => {
    const e = evaluate('tiny', { ...baselineRecipe('tiny'), precision: knee('tiny').precision! })
    expect(e.memory.weightsLevel).toBe(TRACKS.tiny.machine.levels[0].name) // main memory, then on-chip
    expect(largestField(e)).toBe('dataMovementJ')
    expect(energySplit(e).dominant).toBe('dataMovement')
    // the closing slide's figures are each the engine's own dominant part
    const l = trackEnergyLesson('tiny')
    for (const f of [l.best, l.contrast].filter((x) => x !== null)) expect(PART_OF[f.split.dominant]).toBe(largestField(evaluate('tiny', f.recipe)))
  })

  it('the summary names each track under the part that leads its best recipe, and nothing is typed', () => {
    const lessons = energyLessons()
    expect(lessons.map((l) => l.track)).toEqual(TRACK_IDS)
    const summary = energySummary(lessons)
    const leading = new Set(lessons.map((l) => l.best.split.dominant))
    for (const part of leading) expect(summary).toContain(ENERGY_PART_WORDS[part].words)
    for (const part of ENERGY_PARTS.filter((p) => !leading.has(p))) expect(summary).not.toContain(ENERGY_PART_WORDS[part].words)
    if (leading.size === 1) expect(summary).toContain('every track')
    else for (const l of lessons) expect(summary).toContain(l.name)
  })

  it('the summary groups the tracks by the part that leads when the parts differ', () => {
    const lessons = energyLessons()
    // the first track led by another part than the rest (whatever the engine finds for them)
    const other = ENERGY_PARTS.find((p) => p !== lessons[1].best.split.dominant)!
    const mixed = lessons.map((l, i) => (i === 0 ? { ...l, best: { ...l.best, split: { ...l.best.split, dominant: other } } } : l))
    const summary = energySummary(mixed)
    expect(summary).toContain(ENERGY_PART_WORDS[other].words)
    for (const l of mixed) expect(summary).toContain(l.name)
    expect(summary).not.toContain('every track')
  })

  it('the table has a column per track, each followed by its contrast', () => {
    const lessons = energyLessons()
    const cols = lessonColumns(lessons)
    expect(cols.filter((c) => !c.contrast).map((c) => c.track)).toEqual(TRACK_IDS)
    expect(cols.filter((c) => c.contrast)).toHaveLength(lessons.filter((l) => l.contrast).length)
    cols.forEach((c, i) => {
      if (c.contrast) expect(cols[i - 1].track).toBe(c.track)
    })
  })
})

describe('the closing slide', () => {
  it('says about energy what the lesson computes (<EnergyLesson />), with no slogan typed beside it', () => {
    const page = readFileSync(new URL('../../pages/04-contract.md', import.meta.url), 'utf8')
    const close = page.slice(page.indexOf('# What the silicon taught us'))
    expect(close).toContain('<EnergyLesson />')
    expect(close).not.toMatch(/energy is mostly|mostly data movement/i)
  })
})

describe('shareText', () => {
  it('prints whole percent, and <1% for a part that rounds to nothing', () => {
    expect(shareText(0.5749)).toBe('57%')
    expect(shareText(0.004)).toBe('<1%')
    expect(shareText(0)).toBe('0%')
    expect(shareText(1)).toBe('100%')
  })
})
