// The store's own rules, below HTTP: group commit checks phase and round per answer at commit time.
import { expect, it } from 'vitest'
import { SessionStore } from '../../server/store.ts'

it('a batch refuses answers to a closed poll or a stale round, and upserts the rest', () => {
  const s = new SessionStore(':memory:')
  s.answer('q', 'voter-0001', 1)
  s.newRound('q') // round 2, open
  s.setPhase('p', 'locked')
  const out = s.answerBatch([
    { poll: 'q', voter: 'voter-0001', value: 2, round: 2 },
    { poll: 'q', voter: 'voter-0002', value: 3, round: 1 },
    { poll: 'p', voter: 'voter-0003', value: 0 },
    { poll: 'q', voter: 'voter-0001', value: 0 },
  ])
  expect(out).toEqual([{ round: 2 }, { stale: 2 }, { closed: 'locked', round: 1 }, { round: 2 }])
  expect(s.rows('q', 2).map((r) => [r.voter, r.value])).toEqual([['voter-0001', 0]])
  expect(s.values('q', 1)).toEqual([1])
  expect(s.count('p', 1)).toBe(0)
  s.close()
})
