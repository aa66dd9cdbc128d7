// The instructor's report (issue 22 #4) held to its sources: every track's key is the engine's, the distribution's counts
// are the service's, each contract is the engine's (kind, in spec, on the frontier = no frontier recipe dominates it), the
// games are the service's counts; nothing in it names a student.
import { describe, expect, it } from 'vitest'
import { archetypes, baselineRecipe, dominates, evaluate, LOCKS, lockAnswer, paretoFrontier, recipeLabel, TRACK_IDS, TRACKS } from '../../engine'
import { label } from '../../logic/lockGap'
import { buildReport, reportToHtml, reportToJson } from '../../logic/report'
import { isRight } from '../../logic/calibration'
import type { ContractsView } from '../../server/api'

const heavy = archetypes('edge').heavy!.recipe
const contracts: ContractsView = {
  phase: 'revealed',
  contracts: [{ track: 'edge', recipe: heavy }, { track: 'edge', recipe: heavy }, { track: 'edge', recipe: baselineRecipe('edge') }],
  games: { edge: { count: 3, found: [0, 1, 1, 0, 0, 0, 0, 0, 0, 0], notFound: 1 } },
  maxTries: 10,
}
const report = buildReport({
  room: '482913', generatedAt: '2026-12-07T12:00:00.000Z', contracts,
  locks: [
    { id: 'distillation', round: 2, phase: 'revealed', dist: { poll: 'distillation', round: 2, kind: 'choice', count: 4, counts: [1, 3, 0, 0] } },
    { id: 'sparsity', round: 1, phase: 'locked', dist: { poll: 'sparsity', round: 1, kind: 'number', count: 3, values: [1, 1.5, 2], median: 1.5 } },
    { id: 'quantization', round: 1, phase: 'open', dist: null },
  ],
})

describe('the instructor\'s report', () => {
  it('names every track\'s key for each lock, the engine\'s', () => {
    for (const l of report.locks) expect(l.keys).toEqual(TRACK_IDS.map((t) => ({ track: t, name: TRACKS[t].name, key: label(LOCKS[l.id], lockAnswer(t, l.id).value) })))
  })
  it('keeps the service\'s counts: per option, and every number answer in exactly one bin', () => {
    const [d, s, q] = report.locks
    expect(d.rows.map((r) => [r.label, r.n, r.share])).toEqual(LOCKS.distillation.options!.map((o, i) => [o, [1, 3, 0, 0][i], ['25%', '75%', '0%', '0%'][i]]))
    expect(s.rows.reduce((n, r) => n + r.n, 0)).toBe(3)
    expect(s.median).toBe('1.5×')
    expect(q).toMatchObject({ count: 0, rows: [], median: null })
  })
  it('evaluates each distinct contract with the engine, cheapest energy first, and marks those on the frontier', () => {
    const [edge] = report.tracks
    expect(report.tracks.map((t) => t.track)).toEqual(['edge'])
    expect(edge.contracts.map((c) => [c.recipe, c.students])).toEqual(
      [[heavy, 2], [baselineRecipe('edge'), 1]].sort((a, b) => evaluate('edge', a[0] as never).energyPerInferenceJ - evaluate('edge', b[0] as never).energyPerInferenceJ)
        .map(([r, n]) => [recipeLabel('edge', r as never), n]))
    for (const [i, c] of edge.contracts.entries()) {
      const r = [heavy, baselineRecipe('edge')].find((x) => recipeLabel('edge', x) === c.recipe)!
      expect(c.onFrontier, `contract ${i}`).toBe(!paretoFrontier('edge').some((f) => dominates(f.evaluation, evaluate('edge', r))))
      expect(c.inSpec).toBe(evaluate('edge', r).binding === null)
    }
    expect(edge.game).toBe('Edge Guardian: 66.7% found the window (2 of 3 students)')
  })
  it('per track answered, then the whole room: answers, right for their own track, confident and wrong (issue 22)', () => {
    const k = (t: 'edge' | 'tiny') => lockAnswer(t, 'distillation').value
    const rated = [
      { value: k('edge'), confidence: 2, track: 'edge' as const },
      { value: (k('edge') + 1) % 4, confidence: 1, track: 'edge' as const },
      { value: (k('tiny') + 2) % 4, confidence: 2, track: 'tiny' as const },
      { value: 0, confidence: 2, track: null }, // no track: not judged
    ]
    const r = buildReport({ room: '1', generatedAt: 'now', contracts: null,
      locks: [{ id: 'distillation', round: 1, phase: 'revealed', dist: { poll: 'distillation', round: 1, kind: 'choice', count: 4, counts: [1, 1, 1, 1], rated } }] })
    expect(r.locks[0].calibration.map((c) => [c.track, c.answers, c.right, c.confidentWrong])).toEqual([
      ['edge', 2, '1 (50%)', 'confident and wrong: 1 of 2 (50%)'],
      ['tiny', 1, '0 (0%)', 'confident and wrong: 1 of 1 (100%)'],
      [null, 3, '1 (33%)', 'confident and wrong: 2 of 3 (67%)'],
    ])
    expect(isRight('distillation', 'edge', k('edge'))).toBe(true)
    expect(report.locks[0].calibration).toEqual([]) // no rated answers: nothing to judge
  })

  it('exports JSON and one page, with no identities', () => {
    const json = reportToJson(report)
    expect(JSON.parse(json)).toEqual(report)
    expect(json).not.toMatch(/voter/i)
    const html = reportToHtml(report)
    expect(html).toContain('room 482913')
    for (const l of report.locks) expect(html).toContain(l.keys[0].key)
  })
})
