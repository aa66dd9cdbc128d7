// The store's own rules, below HTTP, on each store (SQLite; PostgreSQL where TEST_DATABASE_URL is set): group commit
// checks phase and round per answer at commit time; contracts are written only while open.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openStore, type SessionStore } from '../../server/store.ts'
import { BASELINE_RECIPE, TRACKS } from '../../engine/index.ts'
import { describeStores, type StoreLocation } from './fixtures/stores.ts'

describeStores((kind) => {
  let s: SessionStore
  let where: StoreLocation
  beforeAll(async () => {
    where = await kind.fresh()
    s = await openStore(where)
  })
  afterAll(async () => {
    await s?.close()
    await where?.drop()
  })

  it(`is the ${kind.name} implementation`, () => {
    expect(s.kind).toBe(kind.name)
    expect(s.where).not.toMatch(/password/i)
  })

  it('a batch refuses answers to a closed poll or a stale round, and upserts the rest', async () => {
    expect(await s.answer('q', 'voter-0001', 1)).toBe(1)
    expect(await s.newRound('q')).toBe(2) // round 2, open
    await s.setPhase('p', 'locked')
    expect(await s.answer('p', 'voter-0001', 1)).toBeNull()
    const out = await s.answerBatch([
      { poll: 'q', voter: 'voter-0001', value: 2, round: 2 },
      { poll: 'q', voter: 'voter-0002', value: 3, round: 1 },
      { poll: 'p', voter: 'voter-0003', value: 0 },
      { poll: 'q', voter: 'voter-0001', value: 0 },
    ])
    expect(out).toEqual([{ round: 2 }, { stale: 2 }, { closed: 'locked', round: 1 }, { round: 2 }])
    expect((await s.rows('q', 2)).map((r) => [r.voter, r.value])).toEqual([['voter-0001', 0]])
    expect(await s.values('q', 1)).toEqual([1])
    expect(await s.count('p', 1)).toBe(0)
    expect(await s.rounds('q')).toEqual([{ round: 1, phase: 'open', count: 1 }, { round: 2, phase: 'open', count: 1 }])
    expect(await s.roundPhase('q', 3)).toBeNull()
  })

  it('states, versions, reset, the presenter and the identity key', async () => {
    const [a, b] = await s.states(['fresh-a', 'q'])
    expect(a).toEqual({ poll: 'fresh-a', round: 1, phase: 'open', count: 0, version: 0 })
    expect(b).toMatchObject({ poll: 'q', round: 2, count: 1 })
    expect(await s.state('q')).toEqual(b)
    await s.reset('q')
    const c = await s.state('q')
    expect(c).toMatchObject({ round: 2, phase: 'open', count: 0 })
    expect(c.version).toBeGreaterThan(b.version)
    expect(await s.mine('q', 1, 'voter-0001')).toBe(1)
    expect(await s.presenter()).toEqual({ slide: 1, clicks: 0, seq: 0, leader: null })
    expect(await s.setPresenter(4, 2, 'tab-1')).toEqual({ slide: 4, clicks: 2, seq: 1, leader: 'tab-1' })
    expect(await s.setPresenter(5, 0)).toEqual({ slide: 5, clicks: 0, seq: 2, leader: null })
    const key = await s.identityKey()
    expect(key).toHaveLength(32)
    expect((await s.identityKey()).equals(key)).toBe(true)
  })

  it('100 concurrent batches of one poll: every answer is stored once, the last value of each voter wins', async () => {
    const batches = Array.from({ length: 100 }, (_, b) => s.answerBatch(Array.from({ length: 10 }, (_, i) => ({ poll: 'burst', voter: `v${i + 10 * (b % 50)}`, value: b }))))
    await Promise.all(batches)
    expect(await s.count('burst', 1)).toBe(500)
    expect((await s.values('burst', 1)).every((v) => v >= 50)).toBe(true) // batch b+50 came after batch b
  })

  it('contracts and game results: one per voter, replaced, refused once closed', async () => {
    const recipe = { ...BASELINE_RECIPE, student: TRACKS.tiny.baseline }
    expect(await s.submitContract('ada', { track: 'tiny', recipe })).toEqual({ ok: true, replaced: false })
    expect(await s.submitContract('ada', { track: 'tiny', recipe: { ...recipe, precision: 'int8' } })).toEqual({ ok: true, replaced: true })
    expect(await s.submitGame('ada', { track: 'tiny', triesUsed: 3, found: true })).toEqual({ ok: true, replaced: false })
    expect(await s.contractCounts()).toEqual({ contracts: 1, games: 1 })
    expect(await s.myContract('ada')).toEqual({ contract: { track: 'tiny', recipe: { ...recipe, precision: 'int8' } }, game: { track: 'tiny', triesUsed: 3, found: true } })
    expect(await s.myContract('bob')).toEqual({ contract: null, game: null })
    await s.setPhase('contracts', 'locked')
    expect(await s.submitContract('bob', { track: 'tiny', recipe })).toEqual({ closed: 'locked' })
    expect(await s.submitGame('bob', { track: 'tiny', triesUsed: 10, found: false })).toEqual({ closed: 'locked' })
    expect(await s.contractList()).toEqual([{ track: 'tiny', recipe: { ...recipe, precision: 'int8' } }])
    expect(await s.gameResults()).toEqual([{ track: 'tiny', triesUsed: 3, found: true }])
  })
})
