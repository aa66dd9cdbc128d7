// The store's own rules, below HTTP, on each store (SQLite; PostgreSQL where TEST_DATABASE_URL is set): group commit
// checks phase and round per answer at commit time; contracts are written only while open.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openStore, type RoomStore, type SessionStore } from '../../server/store.ts'
import { BASELINE_RECIPE, TRACKS } from '../../engine/index.ts'
import { PG_SCHEMA } from '../../server/pgStore.ts'
import { describeStores, type StoreLocation } from './fixtures/stores.ts'

describeStores((kind) => {
  let db: SessionStore
  /** the default room: the rules below hold in every room alike */
  let s: RoomStore
  let where: StoreLocation
  beforeAll(async () => {
    where = await kind.fresh()
    db = await openStore(where)
    s = db.room((await db.defaultRoom()).code)
  })
  afterAll(async () => {
    await db?.close()
    await where?.drop()
  })

  it(`is the ${kind.name} implementation`, () => {
    expect(db.kind).toBe(kind.name)
    expect(db.where).not.toMatch(/password/i)
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
    expect(await s.mine('q', 1, 'voter-0001')).toEqual({ value: 1, confidence: null })
    expect(await s.presenter()).toEqual({ slide: 1, clicks: 0, seq: 0, leader: null })
    expect(await s.setPresenter(4, 2, 'tab-1')).toEqual({ slide: 4, clicks: 2, seq: 1, leader: 'tab-1' })
    expect(await s.setPresenter(5, 0)).toEqual({ slide: 5, clicks: 0, seq: 2, leader: null })
    const key = await db.identityKey()
    expect(key).toHaveLength(32)
    expect((await db.identityKey()).equals(key)).toBe(true)
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

// Rooms (issue 20): every row belongs to one room; nothing of one is read or written from another.
describeStores((kind) => {
  let db: SessionStore
  let where: StoreLocation
  beforeAll(async () => {
    where = await kind.fresh()
    db = await openStore(where)
  })
  afterAll(async () => {
    await db?.close()
    await where?.drop()
  })

  it('rooms: six-digit codes, the default room made once, created, found, listed and closed', async () => {
    const home = await db.defaultRoom()
    expect(home.code).toMatch(/^[0-9]{6}$/)
    expect(home.secretHash).toBeNull()
    expect((await db.defaultRoom()).code).toBe(home.code)
    const a = await db.createRoom('ab'.repeat(32), 1000)
    const b = await db.createRoom(null, 2000)
    expect(new Set([home.code, a.code, b.code]).size).toBe(3)
    expect(await db.findRoom(a.code)).toEqual({ code: a.code, secretHash: 'ab'.repeat(32), createdAt: 1000, closedAt: null })
    expect(await db.findRoom('999999' === a.code ? '999998' : '999999')).toBeNull()
    expect((await db.listRooms()).map((r) => r.code)).toEqual(expect.arrayContaining([home.code, a.code, b.code]))
    expect(await db.closeRoom(b.code, 3000)).toBe(true)
    expect((await db.findRoom(b.code))!.closedAt).toBe(3000)
    expect(await db.closeRoom('000000' === a.code ? '000001' : '000000')).toBe(false)
  })

  it('two rooms share no answer, round, phase, version, presenter position, contract or game result', async () => {
    const A = db.room((await db.createRoom(null)).code)
    const B = db.room((await db.createRoom(null)).code)
    const recipe = { ...BASELINE_RECIPE, student: TRACKS.tiny.baseline }
    await A.answer('q', 'same-voter', 1)
    await B.answer('q', 'same-voter', 3)
    await A.answerBatch([{ poll: 'q', voter: 'other', value: 2 }])
    await A.setPhase('q', 'revealed')
    expect(await B.newRound('q')).toBe(2)
    expect(await A.state('q')).toMatchObject({ round: 1, phase: 'revealed', count: 2 })
    expect(await B.state('q')).toMatchObject({ round: 2, phase: 'open', count: 0 })
    expect((await B.states(['q']))[0]).toMatchObject({ round: 2, count: 0 })
    expect(await A.values('q', 1)).toEqual(expect.arrayContaining([1, 2]))
    expect(await B.values('q', 1)).toEqual([3])
    expect((await A.mine('q', 1, 'same-voter'))?.value).toBe(1)
    expect((await B.mine('q', 1, 'same-voter'))?.value).toBe(3)
    expect((await B.rows('q', 1)).map((r) => r.value)).toEqual([3])
    expect(await A.rounds('q')).toEqual([{ round: 1, phase: 'revealed', count: 2 }])
    expect(await B.roundPhase('q', 1)).toBe('open')
    expect(await A.roundPhase('q', 2)).toBeNull()
    const va = await A.version('q')
    await B.reset('q')
    expect(await A.count('q', 1)).toBe(2)
    expect(await A.version('q')).toBe(va) // B's changes leave A's views as they are
    await A.setPresenter(7, 1, 'tab-a')
    expect(await B.presenter()).toEqual({ slide: 1, clicks: 0, seq: 0, leader: null })
    expect(await A.presenter()).toEqual({ slide: 7, clicks: 1, seq: 1, leader: 'tab-a' })
    expect(await A.submitContract('same-voter', { track: 'tiny', recipe })).toEqual({ ok: true, replaced: false })
    expect(await B.submitContract('same-voter', { track: 'tiny', recipe })).toEqual({ ok: true, replaced: false })
    await A.submitGame('same-voter', { track: 'tiny', triesUsed: 2, found: true })
    await B.setPhase('contracts', 'locked')
    expect(await B.submitGame('same-voter', { track: 'tiny', triesUsed: 2, found: true })).toEqual({ closed: 'locked' })
    expect(await A.submitGame('other', { track: 'tiny', triesUsed: 4, found: true })).toEqual({ ok: true, replaced: false })
    expect(await A.contractCounts()).toEqual({ contracts: 1, games: 2 })
    expect(await B.contractCounts()).toEqual({ contracts: 1, games: 0 })
    expect(await B.gameResults()).toEqual([])
    expect(await B.myContract('same-voter')).toEqual({ contract: { track: 'tiny', recipe }, game: null })
    expect((await A.contractList())).toHaveLength(1)
  })
})

// A data folder or database from before rooms: its class becomes the default room, nothing lost.
describeStores((kind) => {
  let where: StoreLocation
  afterAll(async () => { await where?.drop() })

  it('existing data becomes the default room, and rooms are isolated from it', async () => {
    where = await kind.fresh(true)
    const old = `
      CREATE TABLE rounds (poll TEXT NOT NULL, round INTEGER NOT NULL, phase TEXT NOT NULL, PRIMARY KEY (poll, round));
      CREATE TABLE answers (poll TEXT NOT NULL, round INTEGER NOT NULL, voter TEXT NOT NULL, value REAL NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (poll, round, voter));
      CREATE TABLE presenter (id INTEGER PRIMARY KEY CHECK (id = 1), slide INTEGER NOT NULL, clicks INTEGER NOT NULL, seq INTEGER NOT NULL, leader TEXT);
      CREATE TABLE versions (part TEXT PRIMARY KEY, version INTEGER NOT NULL);
      CREATE TABLE contracts (voter TEXT PRIMARY KEY, track TEXT NOT NULL, recipe TEXT NOT NULL, updated_at BIGINT NOT NULL);
      CREATE TABLE games (voter TEXT PRIMARY KEY, track TEXT NOT NULL, tries INTEGER NOT NULL, found BOOLEAN NOT NULL, updated_at BIGINT NOT NULL);
      INSERT INTO rounds VALUES ('q', 1, 'revealed'), ('q', 2, 'open');
      INSERT INTO answers VALUES ('q', 1, 'v1', 2, 10), ('q', 2, 'v1', 1, 20);
      INSERT INTO presenter VALUES (1, 12, 3, 40, NULL);
      INSERT INTO versions VALUES ('q', 5);
      INSERT INTO contracts VALUES ('v1', 'tiny', '{"precision":"int8"}', 30);
      INSERT INTO games VALUES ('v1', 'tiny', 3, true, 31);`
    if (kind.name === 'sqlite') {
      const { default: Database } = await import('better-sqlite3')
      const { join } = await import('node:path')
      const { mkdirSync } = await import('node:fs')
      mkdirSync(where.dataDir, { recursive: true })
      const raw = new Database(join(where.dataDir, 'session.sqlite'))
      raw.exec(old.replace(/BIGINT/g, 'INTEGER').replace('BOOLEAN', 'INTEGER').replace('true', '1'))
      raw.close()
    } else {
      const pg = (await import('pg')).default
      const c = new pg.Client({ connectionString: where.databaseUrl })
      await c.connect()
      // a database from before rooms, in the service's own schema (the store never wrote elsewhere in a release)
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${PG_SCHEMA}; SET search_path TO ${PG_SCHEMA}; ${old.replace(/REAL/g, 'double precision')}`)
      await c.end()
    }
    const db = await openStore(where)
    try {
      const home = await db.defaultRoom()
      const r = db.room(home.code)
      expect(await r.rounds('q')).toEqual([{ round: 1, phase: 'revealed', count: 1 }, { round: 2, phase: 'open', count: 1 }])
      expect(await r.rows('q', 1)).toEqual([{ poll: 'q', round: 1, voter: 'v1', value: 2, updatedAt: 10, confidence: null, track: null }]) // from before issue 22: not said
      expect(await r.presenter()).toEqual({ slide: 12, clicks: 3, seq: 40, leader: null })
      expect(await r.version('q')).toBe(5)
      expect(await r.myContract('v1')).toEqual({ contract: { track: 'tiny', recipe: { precision: 'int8' } }, game: { track: 'tiny', triesUsed: 3, found: true } })
      // the migrated tables take the room in their keys: the same voter answers in another room on its own
      const other = db.room((await db.createRoom(null)).code)
      expect(await other.answer('q', 'v1', 3)).toBe(1)
      expect(await r.answer('q', 'v1', 0)).toBe(2)
      expect(await other.rounds('q')).toEqual([{ round: 1, phase: 'open', count: 1 }])
      expect(await r.setPresenter(13, 0)).toMatchObject({ slide: 13, seq: 41 })
      expect(await other.presenter()).toMatchObject({ slide: 1, seq: 0 })
    } finally {
      await db.close()
    }
    // reopened: the same default room, no second migration
    const again = await openStore(where)
    try {
      expect((await again.listRooms())).toHaveLength(2)
      expect(await again.room((await again.defaultRoom()).code).count('q', 2)).toBe(1)
    } finally {
      await again.close()
    }
  })
})

describeStores((kind) => {
  it('a store from before issue 22 (answers without confidence or track) gains both columns, nullable, and keeps its answers', async () => {
    const where = await kind.fresh(true)
    const first = await openStore(where)
    const code = (await first.defaultRoom()).code
    await first.room(code).answer('q', 'v1', 2, 10)
    await first.close()
    // take the columns away again, as a store written by the service before issue 22 has them
    if (kind.name === 'sqlite') {
      const { default: Database } = await import('better-sqlite3')
      const raw = new Database((await import('node:path')).join(where.dataDir, 'session.sqlite'))
      raw.exec('ALTER TABLE answers DROP COLUMN confidence; ALTER TABLE answers DROP COLUMN track')
      raw.close()
    } else {
      const pg = (await import('pg')).default
      const c = new pg.Client({ connectionString: where.databaseUrl })
      await c.connect()
      await c.query(`ALTER TABLE ${PG_SCHEMA}.answers DROP COLUMN confidence, DROP COLUMN track`)
      await c.end()
    }
    const db = await openStore(where)
    try {
      const r = db.room(code)
      expect((await r.rows('q', 1)).map((x) => [x.voter, x.value, x.confidence, x.track])).toEqual([['v1', 2, null, null]])
      expect(await r.answerBatch([{ poll: 'q', voter: 'v2', value: 1, confidence: 2, track: 'edge' }], 20)).toEqual([{ round: 1 }])
      expect((await r.rows('q', 1)).map((x) => [x.voter, x.confidence, x.track])).toEqual([['v1', null, null], ['v2', 2, 'edge']])
    } finally {
      await db.close()
      await where.drop()
    }
  })
})
