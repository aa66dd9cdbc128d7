// The embedded store (the default of `npm run class`): SQLite (better-sqlite3) in WAL mode with synchronous=FULL, so a
// write has been fsync'ed when its statement returns. Every method runs synchronously inside; the async signatures are
// the SessionStore interface's (server/store.ts), which PostgreSQL needs. Writes that check a phase run in immediate
// transactions, so a check and its write are never split by another writer.
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { TrackId } from '../engine/index.ts'
import { CONTRACTS_POLL, type ContractRow, type GameRow, type Phase, type PresenterPos } from './api.ts'
import { bindRoom, newRoomCode, type AnswerInput, type AnswerOutcome, type AnswerRow, type MyAnswer, type RoomDump, type RoomInfo, type RoomStore, type RoundState,
  type SessionStore, type StoreOutcome } from './store.ts'

// Every table of a class is keyed by its room (issue 20): no statement below reads or writes a row without the room.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS rooms (code TEXT PRIMARY KEY, secret_hash TEXT, created_at INTEGER NOT NULL, closed_at INTEGER);
  CREATE TABLE IF NOT EXISTS rounds (room TEXT NOT NULL, poll TEXT NOT NULL, round INTEGER NOT NULL, phase TEXT NOT NULL,
    PRIMARY KEY (room, poll, round));
  CREATE TABLE IF NOT EXISTS answers (room TEXT NOT NULL, poll TEXT NOT NULL, round INTEGER NOT NULL, voter TEXT NOT NULL,
    value REAL NOT NULL, updated_at INTEGER NOT NULL, confidence INTEGER, track TEXT, PRIMARY KEY (room, poll, round, voter));
  CREATE TABLE IF NOT EXISTS presenter (room TEXT PRIMARY KEY, slide INTEGER NOT NULL, clicks INTEGER NOT NULL,
    seq INTEGER NOT NULL, leader TEXT);
  CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);
  CREATE TABLE IF NOT EXISTS versions (room TEXT NOT NULL, part TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (room, part));
  CREATE TABLE IF NOT EXISTS contracts (room TEXT NOT NULL, voter TEXT NOT NULL, track TEXT NOT NULL, recipe TEXT NOT NULL,
    updated_at INTEGER NOT NULL, PRIMARY KEY (room, voter));
  CREATE TABLE IF NOT EXISTS games (room TEXT NOT NULL, voter TEXT NOT NULL, track TEXT NOT NULL, tries INTEGER NOT NULL,
    found INTEGER NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (room, voter));`

/** A data folder from before rooms (its tables without a `room` column) becomes the default room, in one transaction:
 *  each old table is renamed, the new one created, the rows copied with the default room's new code, the old dropped. */
function migrateToRooms(db: Database.Database): void {
  const cols = (t: string) => (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name)
  const old = cols('rounds')
  if (!old.length || old.includes('room')) return
  // data folders from before the presenter's tabs took turns leading
  if (cols('presenter').length && !cols('presenter').includes('leader')) db.exec('ALTER TABLE presenter ADD COLUMN leader TEXT')
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL)')
    const code = newRoomCode()
    const tables = ['rounds', 'answers', 'presenter', 'versions', 'contracts', 'games'].filter((t) => cols(t).length)
    for (const t of tables) db.exec(`ALTER TABLE ${t} RENAME TO ${t}_before_rooms`)
    db.exec(SCHEMA)
    db.prepare('INSERT INTO rooms (code, secret_hash, created_at) VALUES (?, NULL, ?)').run(code, Date.now())
    db.prepare("INSERT OR REPLACE INTO meta (name, value) VALUES ('default_room', ?)").run(code)
    const copy: Record<string, string> = {
      rounds: 'room, poll, round, phase', answers: 'room, poll, round, voter, value, updated_at',
      presenter: 'room, slide, clicks, seq, leader', versions: 'room, part, version',
      contracts: 'room, voter, track, recipe, updated_at', games: 'room, voter, track, tries, found, updated_at',
    }
    for (const t of tables) {
      const c = copy[t]
      db.prepare(`INSERT INTO ${t} (${c}) SELECT ?, ${c.slice('room, '.length)} FROM ${t}_before_rooms`).run(code)
      db.exec(`DROP TABLE ${t}_before_rooms`)
    }
  }).immediate()
}

/** Issue 22: answers gain two nullable columns, how sure and on which track; a data folder from before keeps its answers
 *  (null: not said). Additive, so an older service still reads the table. */
function addAnswerRating(db: Database.Database): void {
  const have = (db.prepare('PRAGMA table_info(answers)').all() as { name: string }[]).map((c) => c.name)
  if (!have.includes('confidence')) db.exec('ALTER TABLE answers ADD COLUMN confidence INTEGER')
  if (!have.includes('track')) db.exec('ALTER TABLE answers ADD COLUMN track TEXT')
}

export class SqliteSessionStore implements SessionStore {
  readonly kind = 'sqlite'
  readonly where: string
  readonly db: Database.Database
  private q

  /** `dataDir` is created if missing; use ':memory:' only in tests that do not need durability. */
  constructor(dataDir: string) {
    const file = dataDir === ':memory:' ? ':memory:' : (mkdirSync(dataDir, { recursive: true }), join(dataDir, 'session.sqlite'))
    this.where = file
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = FULL')
    this.db.pragma('busy_timeout = 5000')
    migrateToRooms(this.db)
    this.db.exec(SCHEMA)
    addAnswerRating(this.db)
    const db = this.db
    this.q = {
      current: db.prepare('SELECT round, phase FROM rounds WHERE room = ? AND poll = ? ORDER BY round DESC LIMIT 1'),
      roundPhase: db.prepare('SELECT phase FROM rounds WHERE room = ? AND poll = ? AND round = ?'),
      insertRound: db.prepare('INSERT OR IGNORE INTO rounds (room, poll, round, phase) VALUES (?, ?, ?, ?)'),
      setPhase: db.prepare('UPDATE rounds SET phase = ? WHERE room = ? AND poll = ? AND round = ?'),
      count: db.prepare('SELECT COUNT(*) AS n FROM answers WHERE room = ? AND poll = ? AND round = ?'),
      upsert: db.prepare(`INSERT INTO answers (room, poll, round, voter, value, updated_at, confidence, track) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (room, poll, round, voter) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
          confidence = excluded.confidence, track = excluded.track`),
      values: db.prepare('SELECT value FROM answers WHERE room = ? AND poll = ? AND round = ?'),
      mine: db.prepare('SELECT value, confidence FROM answers WHERE room = ? AND poll = ? AND round = ? AND voter = ?'),
      rows: db.prepare('SELECT poll, round, voter, value, updated_at AS updatedAt, confidence, track FROM answers WHERE room = ? AND poll = ? AND round = ? ORDER BY updated_at, voter'),
      clear: db.prepare('DELETE FROM answers WHERE room = ? AND poll = ? AND round = ?'),
      rounds: db.prepare(`SELECT r.round, r.phase, COUNT(a.voter) AS count FROM rounds r
        LEFT JOIN answers a ON a.room = r.room AND a.poll = r.poll AND a.round = r.round WHERE r.room = ? AND r.poll = ? GROUP BY r.round ORDER BY r.round`),
      version: db.prepare('SELECT version FROM versions WHERE room = ? AND part = ?'),
      bump: db.prepare(`INSERT INTO versions (room, part, version) VALUES (?, ?, 1)
        ON CONFLICT (room, part) DO UPDATE SET version = versions.version + 1`),
      getPos: db.prepare('SELECT slide, clicks, seq, leader FROM presenter WHERE room = ?'),
      setPos: db.prepare(`INSERT INTO presenter (room, slide, clicks, seq, leader) VALUES (?, ?, ?, 1, ?)
        ON CONFLICT (room) DO UPDATE SET slide = excluded.slide, clicks = excluded.clicks, seq = presenter.seq + 1, leader = excluded.leader`),
      getMeta: db.prepare('SELECT value FROM meta WHERE name = ?'),
      putMeta: db.prepare('INSERT OR IGNORE INTO meta (name, value) VALUES (?, ?)'),
      // rooms (issue 20)
      findRoom: db.prepare('SELECT code, secret_hash AS secretHash, created_at AS createdAt, closed_at AS closedAt FROM rooms WHERE code = ?'),
      insertRoom: db.prepare('INSERT OR IGNORE INTO rooms (code, secret_hash, created_at) VALUES (?, ?, ?)'),
      listRooms: db.prepare('SELECT code, secret_hash AS secretHash, created_at AS createdAt, closed_at AS closedAt FROM rooms ORDER BY created_at, code'),
      closeRoom: db.prepare('UPDATE rooms SET closed_at = ? WHERE code = ? AND closed_at IS NULL'),
      // contracts and game results (issue 13)
      hasContract: db.prepare('SELECT 1 FROM contracts WHERE room = ? AND voter = ?'),
      upsertContract: db.prepare(`INSERT INTO contracts (room, voter, track, recipe, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (room, voter) DO UPDATE SET track = excluded.track, recipe = excluded.recipe, updated_at = excluded.updated_at`),
      hasGame: db.prepare('SELECT 1 FROM games WHERE room = ? AND voter = ?'),
      upsertGame: db.prepare(`INSERT INTO games (room, voter, track, tries, found, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (room, voter) DO UPDATE SET track = excluded.track, tries = excluded.tries, found = excluded.found, updated_at = excluded.updated_at`),
      countContracts: db.prepare('SELECT COUNT(*) AS n FROM contracts WHERE room = ?'),
      countGames: db.prepare('SELECT COUNT(*) AS n FROM games WHERE room = ?'),
      // oldest first; the voter only breaks ties and never leaves the store
      listContracts: db.prepare('SELECT track, recipe FROM contracts WHERE room = ? ORDER BY updated_at, voter'),
      games: db.prepare('SELECT track, tries, found FROM games WHERE room = ?'),
      myContract: db.prepare('SELECT track, recipe FROM contracts WHERE room = ? AND voter = ?'),
      myGame: db.prepare('SELECT track, tries, found FROM games WHERE room = ? AND voter = ?'),
    }
  }

  async identityKey(): Promise<Buffer> {
    const row = this.q.getMeta.get('identity_key') as { value: Buffer } | undefined
    if (row) return row.value
    this.q.putMeta.run('identity_key', randomBytes(32))
    return (this.q.getMeta.get('identity_key') as { value: Buffer }).value
  }

  // rooms (issue 20)
  private roomNow(code: string): RoomInfo | null {
    return (this.q.findRoom.get(code) as RoomInfo | undefined) ?? null
  }

  async defaultRoom(): Promise<RoomInfo> {
    return this.db.transaction(() => {
      const had = this.q.getMeta.get('default_room') as { value: string | Buffer } | undefined
      const code = had ? String(had.value) : this.createNow(null, Date.now()).code
      if (!had) this.q.putMeta.run('default_room', code)
      return this.roomNow(code)!
    }).immediate()
  }

  private createNow(secretHash: string | null, now: number): RoomInfo {
    for (;;) {
      const code = newRoomCode()
      if (this.q.insertRoom.run(code, secretHash, now).changes === 1) return this.roomNow(code)!
    }
  }

  async createRoom(secretHash: string | null, now = Date.now()): Promise<RoomInfo> {
    return this.db.transaction(() => this.createNow(secretHash, now)).immediate()
  }

  async findRoom(code: string) { return this.roomNow(code) }
  async listRooms() { return this.q.listRooms.all() as RoomInfo[] }
  async closeRoom(code: string, now = Date.now()) {
    this.q.closeRoom.run(now, code)
    return this.roomNow(code) !== null
  }

  room(code: string): RoomStore { return bindRoom(this, code) }

  private cur(room: string, poll: string): { round: number; phase: Phase } {
    const row = this.q.current.get(room, poll) as { round: number; phase: Phase } | undefined
    if (row) return row
    this.q.insertRound.run(room, poll, 1, 'open')
    return { round: 1, phase: 'open' }
  }

  private stateNow(room: string, poll: string): RoundState {
    const { round, phase } = this.cur(room, poll)
    return { poll, round, phase, count: this.countNow(room, poll, round), version: this.versionNow(room, poll) }
  }

  private versionNow(room: string, part: string): number {
    return (this.q.version.get(room, part) as { version: number } | undefined)?.version ?? 0
  }

  private countNow(room: string, poll: string, round: number): number {
    return (this.q.count.get(room, poll, round) as { n: number }).n
  }

  async current(room: string, poll: string) { return this.cur(room, poll) }
  async state(room: string, poll: string) { return this.stateNow(room, poll) }
  async states(room: string, polls: string[]) { return polls.map((p) => this.stateNow(room, p)) }
  async version(room: string, part: string) { return this.versionNow(room, part) }
  async count(room: string, poll: string, round: number) { return this.countNow(room, poll, round) }

  async roundPhase(room: string, poll: string, round: number): Promise<Phase | null> {
    const row = this.q.roundPhase.get(room, poll, round) as { phase: Phase } | undefined
    return row?.phase ?? null
  }

  async answer(room: string, poll: string, voter: string, value: number, now = Date.now()): Promise<number | null> {
    const [r] = await this.answerBatch(room, [{ poll, voter, value }], now)
    return 'round' in r && !('closed' in r) ? r.round : null
  }

  async answerBatch(room: string, items: AnswerInput[], now = Date.now()): Promise<AnswerOutcome[]> {
    return this.db.transaction(() => items.map((a): AnswerOutcome => {
      const { round, phase } = this.cur(room, a.poll)
      if (phase !== 'open') return { closed: phase, round }
      if (a.round !== undefined && a.round !== round) return { stale: round }
      this.q.upsert.run(room, a.poll, round, a.voter, a.value, now, a.confidence ?? null, a.track ?? null)
      this.q.bump.run(room, a.poll)
      return { round }
    })).immediate()
  }

  async setPhase(room: string, poll: string, phase: Phase): Promise<void> {
    this.db.transaction(() => {
      const { round } = this.cur(room, poll)
      this.q.setPhase.run(phase, room, poll, round)
      this.q.bump.run(room, poll)
    }).immediate()
  }

  async reset(room: string, poll: string): Promise<void> {
    this.db.transaction(() => {
      const { round } = this.cur(room, poll)
      this.q.clear.run(room, poll, round)
      this.q.setPhase.run('open', room, poll, round)
      this.q.bump.run(room, poll)
    }).immediate()
  }

  async newRound(room: string, poll: string): Promise<number> {
    return this.db.transaction(() => {
      const { round } = this.cur(room, poll)
      this.q.insertRound.run(room, poll, round + 1, 'open')
      this.q.bump.run(room, poll)
      return round + 1
    }).immediate()
  }

  async values(room: string, poll: string, round: number): Promise<number[]> {
    return (this.q.values.all(room, poll, round) as { value: number }[]).map((r) => r.value)
  }

  async mine(room: string, poll: string, round: number, voter: string): Promise<MyAnswer | null> {
    return (this.q.mine.get(room, poll, round, voter) as MyAnswer | undefined) ?? null
  }

  async rows(room: string, poll: string, round: number): Promise<AnswerRow[]> {
    return this.q.rows.all(room, poll, round) as AnswerRow[]
  }

  async rounds(room: string, poll: string): Promise<{ round: number; phase: Phase; count: number }[]> {
    return this.q.rounds.all(room, poll) as { round: number; phase: Phase; count: number }[]
  }

  private presenterNow(room: string): PresenterPos {
    return (this.q.getPos.get(room) as PresenterPos | undefined) ?? { slide: 1, clicks: 0, seq: 0, leader: null }
  }

  async presenter(room: string): Promise<PresenterPos> { return this.presenterNow(room) }

  async setPresenter(room: string, slide: number, clicks: number, leader: string | null = null): Promise<PresenterPos> {
    this.q.setPos.run(room, slide, clicks, leader)
    return this.presenterNow(room)
  }

  async submitContract(room: string, voter: string, c: ContractRow, now = Date.now()): Promise<StoreOutcome> {
    return this.db.transaction((): StoreOutcome => {
      const { phase } = this.cur(room, CONTRACTS_POLL)
      if (phase !== 'open') return { closed: phase }
      const replaced = this.q.hasContract.get(room, voter) !== undefined
      this.q.upsertContract.run(room, voter, c.track, JSON.stringify(c.recipe), now)
      this.q.bump.run(room, CONTRACTS_POLL) // a changed recipe, same count: the views still refetch (issue 19)
      return { ok: true, replaced }
    }).immediate()
  }

  async submitGame(room: string, voter: string, g: GameRow, now = Date.now()): Promise<StoreOutcome> {
    return this.db.transaction((): StoreOutcome => {
      const { phase } = this.cur(room, CONTRACTS_POLL)
      if (phase !== 'open') return { closed: phase }
      const replaced = this.q.hasGame.get(room, voter) !== undefined
      this.q.upsertGame.run(room, voter, g.track, g.triesUsed, g.found ? 1 : 0, now)
      this.q.bump.run(room, CONTRACTS_POLL)
      return { ok: true, replaced }
    }).immediate()
  }

  async contractCounts(room: string): Promise<{ contracts: number; games: number }> {
    return { contracts: (this.q.countContracts.get(room) as { n: number }).n, games: (this.q.countGames.get(room) as { n: number }).n }
  }

  async contractList(room: string): Promise<ContractRow[]> {
    return (this.q.listContracts.all(room) as { track: TrackId; recipe: string }[]).map((r) => ({ track: r.track, recipe: JSON.parse(r.recipe) }))
  }

  async gameResults(room: string): Promise<GameRow[]> {
    return (this.q.games.all(room) as { track: TrackId; tries: number; found: number }[])
      .map((g) => ({ track: g.track, triesUsed: g.tries, found: g.found === 1 }))
  }

  async myContract(room: string, voter: string): Promise<{ contract: ContractRow | null; game: GameRow | null }> {
    const c = this.q.myContract.get(room, voter) as { track: TrackId; recipe: string } | undefined
    const g = this.q.myGame.get(room, voter) as { track: TrackId; tries: number; found: number } | undefined
    return {
      contract: c ? { track: c.track, recipe: JSON.parse(c.recipe) } : null,
      game: g ? { track: g.track, triesUsed: g.tries, found: g.found === 1 } : null,
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }

  // issue 20 item 2 (rest): export and expiry; the statements are prepared here, beside their only users
  async dumpRoom(code: string): Promise<RoomDump | null> {
    return this.db.transaction(() => {
      const room = this.roomNow(code)
      if (!room) return null
      const all = (sql: string) => this.db.prepare(sql).all(code) as any[]
      return {
        room,
        rounds: all('SELECT poll, round, phase FROM rounds WHERE room = ? ORDER BY poll, round'),
        answers: all('SELECT poll, round, voter, value, updated_at AS updatedAt FROM answers WHERE room = ? ORDER BY poll, round, updated_at, voter'),
        contracts: all('SELECT voter, track, recipe, updated_at AS updatedAt FROM contracts WHERE room = ? ORDER BY updated_at, voter')
          .map((c) => ({ ...c, recipe: JSON.parse(c.recipe) })),
        games: all('SELECT voter, track, tries, found, updated_at AS updatedAt FROM games WHERE room = ? ORDER BY updated_at, voter')
          .map(({ tries, found, ...g }) => ({ ...g, triesUsed: tries, found: found === 1 })),
      }
    })()
  }

  async closeIdleRooms(before: number, keep: string, now = Date.now()): Promise<string[]> {
    return this.db.transaction(() => {
      const idle = (this.db.prepare(`SELECT code FROM rooms r WHERE closed_at IS NULL AND code <> ? AND MAX(created_at,
          COALESCE((SELECT MAX(updated_at) FROM answers WHERE room = r.code), 0),
          COALESCE((SELECT MAX(updated_at) FROM contracts WHERE room = r.code), 0),
          COALESCE((SELECT MAX(updated_at) FROM games WHERE room = r.code), 0)) < ? ORDER BY code`).all(keep, before) as { code: string }[]).map((r) => r.code)
      for (const code of idle) this.q.closeRoom.run(now, code)
      return idle
    }).immediate()
  }

  async deleteClosedRooms(before: number, keep: string): Promise<string[]> {
    return this.db.transaction(() => {
      const old = (this.db.prepare('SELECT code FROM rooms WHERE closed_at < ? AND code <> ? ORDER BY code').all(before, keep) as { code: string }[]).map((r) => r.code)
      for (const code of old) {
        for (const t of ['rounds', 'answers', 'presenter', 'versions', 'contracts', 'games']) this.db.prepare(`DELETE FROM ${t} WHERE room = ?`).run(code)
        this.db.prepare('DELETE FROM rooms WHERE code = ?').run(code)
      }
      return old
    }).immediate()
  }
}
