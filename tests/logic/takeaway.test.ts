// A student's takeaway (issue 22 #3) held to its sources: every key, gap and explanation is the engine's and lockGap's for
// the viewer's track; the game's result is the tries' own; the contract is the ledger's; the class's figures are the
// distribution's. The page escapes what it prints.
import { describe, expect, it } from 'vitest'
import { LOCKS, lockAnswer, part2Start, pruningWindows, TRACK_IDS, TRACKS, type LockId, type TrackId } from '../../engine'
import { describeGap, label } from '../../logic/lockGap'
import { buildContract, energySplitText } from '../../logic/ledger'
import { judgeAttempt, MAX_ATTEMPTS, windowText } from '../../logic/sparsity'
import { buildTakeaway, gameResult, gameRoomLine, roomLine, takeawayToHtml, takeawayToMarkdown } from '../../logic/takeaway'
import { esc } from '../../logic/printPage'

const IDS: LockId[] = ['quantization', 'quantizationAccuracy', 'sparsity', 'distillation']

/** a try inside the engine's window (hit) and one outside it, on the track's part-2 start */
function tries(track: TrackId) {
  const start = part2Start(track)
  const w = pruningWindows(track)[0]
  const win = judgeAttempt(track, { ...start, pattern: w.pattern, sparsity: w.pattern === '2:4' ? 0.5 : w.from })
  const miss = judgeAttempt(track, start)
  return { win, miss }
}

describe.each(TRACK_IDS)('the takeaway on %s', (track) => {
  const { win, miss } = tries(track)
  const mine: Record<LockId, number | null> = { quantization: 1.5, quantizationAccuracy: 3, sparsity: null, distillation: 0 }
  const t = buildTakeaway({
    track, locks: IDS.map((id) => ({ id, mine: mine[id], dist: null })), attempts: [miss, win], recipe: part2Start(track), classFrom: null,
  })

  it('carries each lock\'s engine key, the gap in lockGap\'s words and the engine\'s explanation', () => {
    expect(win.hit && !win.veto).toBe(true)
    for (const [i, id] of IDS.entries()) {
      const a = lockAnswer(track, id)
      expect(t.locks[i]).toMatchObject({
        id, key: label(LOCKS[id], a.value), explanation: a.explanation, gap: describeGap(LOCKS[id], mine[id], a.value), room: null,
      })
    }
    expect(t.locks[2]).toMatchObject({ mine: null, gap: null })
  })
  it('says on which try the window was found, the engine\'s window, and the contract\'s verdict and energy split', () => {
    expect(t.part2).toMatchObject({ tries: 2, result: `found the window on try 2 of ${MAX_ATTEMPTS}`, window: windowText(track) })
    const c = buildContract(track, part2Start(track))
    expect(t.contract.recipeText).toBe(c.recipeText)
    expect(t.contract.energySplit).toBe(energySplitText(c.energy))
    expect(t.contract.verdict).toBe(c.inSpec ? 'IN SPEC: every budget passes' : `OUT OF SPEC: ${c.binding} fails first`) // the ledger's words
  })
  it('prints every line of it in the Markdown and the page', () => {
    const md = takeawayToMarkdown(t)
    const html = takeawayToHtml(t)
    for (const l of t.locks) {
      expect(md).toContain(l.explanation)
      expect(html).toContain(esc(l.explanation))
    }
    expect(md).toContain(TRACKS[track].name)
    expect(html).toContain(esc(t.part2.window))
    expect(md).toContain('not answered')
  })
})

describe('the takeaway\'s small parts', () => {
  it('game results: not played, still playing, out of tries', () => {
    const { miss } = tries('edge')
    expect(gameResult([])).toBe('not played')
    expect(gameResult([miss])).toBe(`1 of ${MAX_ATTEMPTS} tries, window not found yet`)
    expect(gameResult(Array(MAX_ATTEMPTS).fill(miss))).toBe(`ran out of tries (${MAX_ATTEMPTS} of ${MAX_ATTEMPTS})`)
  })
  it('the class\'s figure for a lock: the share that chose this track\'s key, or the median', () => {
    expect(roomLine('distillation', { poll: 'distillation', round: 1, kind: 'choice', count: 8, counts: [2, 6, 0, 0] }, 1))
      .toBe(`Class: 8 answers; 6 (75%) chose “${LOCKS.distillation.options![1]}”.`)
    expect(roomLine('sparsity', { poll: 'sparsity', round: 1, kind: 'number', count: 3, values: [1, 1.2, 2], median: 1.2 }, 1)).toBe('Class: 3 answers, median 1.2×.')
    expect(roomLine('sparsity', null, 1)).toBeNull()
    expect(gameRoomLine('Edge Guardian', { count: 5, found: [0, 1, 3, 0, 0, 0, 0, 0, 0, 0], notFound: 1 })).toBe('Class on Edge Guardian: 4 of 5 found the window (most on try 3).')
    expect(gameRoomLine('Edge Guardian', { count: 0, found: [], notFound: 0 })).toBeNull()
  })
  it('the page escapes what it prints', () => {
    expect(esc('<b>"x" & \'y\'</b>')).toBe('&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;')
  })
})
