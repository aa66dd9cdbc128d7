// The room's calibration (issue 22 #2): each answer judged against its own track's key (the engine's), split by how sure
// its student said they were; "confident" is fairly sure or sure. Goldens built from lockAnswer, never typed.
import { describe, expect, it } from 'vitest'
import { LOCKS, lockAnswer, TRACK_IDS } from '../../engine'
import { calibration, confidentWrongText, isRight, levelsText } from '../../logic/calibration'
import { SPOT_ON } from '../../logic/lockGap'
import type { RatedAnswer } from '../../server/api'

describe('isRight', () => {
  it.each(TRACK_IDS)('%s: the key\'s option is right and every other wrong; a number within the spot-on band of the key', (t) => {
    const k = lockAnswer(t, 'distillation').value
    for (const v of LOCKS.distillation.options!.keys()) expect(isRight('distillation', t, v)).toBe(v === k)
    const n = lockAnswer(t, 'sparsity').value
    expect(isRight('sparsity', t, n)).toBe(true)
    expect(isRight('sparsity', t, n * (1 + SPOT_ON * 0.9))).toBe(true)
    expect(isRight('sparsity', t, n * (1 + SPOT_ON * 1.1))).toBe(false)
  })
})

describe('calibration', () => {
  // the same value is right on one track and wrong on another where their keys differ
  const [a, b] = TRACK_IDS.map((t) => [t, lockAnswer(t, 'distillation').value] as const).filter((x, _, all) => all.some((y) => y[1] !== x[1])).slice(0, 2)
  const wrongFor = (k: number) => (k + 1) % 4
  const rated: RatedAnswer[] = [
    { value: a[1], confidence: 2, track: a[0] }, // sure, right
    { value: wrongFor(a[1]), confidence: 2, track: a[0] }, // sure, wrong
    { value: wrongFor(b[1]), confidence: 1, track: b[0] }, // fairly sure, wrong
    { value: b[1], confidence: 0, track: b[0] }, // guess, right
    { value: wrongFor(b[1]), confidence: null, track: b[0] }, // not said
    { value: a[1], confidence: 2, track: null }, // an older deck: no track, not judged
  ]
  it('splits the judged answers by level and counts the confident wrong ones', () => {
    const c = calibration('distillation', rated)
    expect(c.levels.map((l) => [l.words, l.n, l.wrong])).toEqual([['guess', 1, 0], ['fairly sure', 1, 1], ['sure', 2, 1]])
    expect(c).toMatchObject({ unrated: 1, confident: 3, confidentWrong: 2 })
    expect(confidentWrongText(c)).toBe('confident and wrong: 2 of 3 (67%)')
    expect(levelsText(c)).toBe('sure 2 (1 wrong) · fairly sure 1 (1 wrong) · guess 1 (0 wrong)')
  })
  it('one track\'s answers only, on asking', () => {
    expect(calibration('distillation', rated, a[0])).toMatchObject({ confident: 2, confidentWrong: 1, unrated: 0 })
  })
  it('says nothing where nobody said how sure', () => {
    const c = calibration('distillation', [{ value: 0, confidence: null, track: 'edge' }])
    expect(confidentWrongText(c)).toBeNull()
    expect(levelsText(c)).toBeNull()
  })
})
