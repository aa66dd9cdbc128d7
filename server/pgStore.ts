// The hosted store (issue 20 item 3): PostgreSQL through node-postgres (`pg`), a pool of connections to DATABASE_URL.
// "Acknowledged = durable" as on SQLite: every connection runs with synchronous_commit=on (checked on open, with fsync),
// so a write resolves only after its COMMIT is flushed to the WAL on disk, and the service acknowledges after that.
// Writes that check a phase (answers, phases, rounds, contracts, game results) run in one transaction that first takes a
// transaction-scoped advisory lock per poll it touches (in sorted order, so two batches never deadlock): writers of one
// poll take turns, whichever process they run in, and each sees the phase the previous one committed (READ COMMITTED
// reads a fresh snapshot per statement). A process killed mid-transaction leaves nothing of it: PostgreSQL rolls it back.
// Several processes share one database (issue 20 item 4): every write a view shows announces itself with pg_notify in
// its own transaction (delivered only if it committed), and each process LISTENs on a connection of its own to push the
// room's snapshot to its own event streams (`subscribe`).
import pg from 'pg'
import { randomBytes } from 'node:crypto'
import type { TrackId } from '../engine/index.ts'
import { CONTRACTS_POLL, type ContractRow, type GameRow, type Phase, type PresenterPos } from './api.ts'
import { bindRoom, newRoomCode, type AnswerInput, type AnswerOutcome, type AnswerRow, type ChangeListener, type MyAnswer, type RoomChange,
  type RoomDump, type RoomInfo, type RoomStore, type RoundState, type SessionStore, type StoreOutcome } from './store.ts'

/** The first key of every advisory lock this store takes ('SC'), so they never collide with another application's. */
const LOCK_SPACE = 0x5343

type Queryable = Pick<pg.PoolClient, 'query'>

/** The channel of the service's notifications. A payload is `<origin>:<room>:<kind>:<part>` (RoomChange, prefixed with
 *  the store instance that wrote it, so a process skips its own: its handler pushed those already), a few dozen bytes
 *  (PostgreSQL's limit is 8,000). */
export const NOTIFY_CHANNEL = 'silicon_contract'
const KINDS: ReadonlySet<string> = new Set<RoomChange['kind']>(['count', 'phase', 'presenter', 'closed'])
/** Reconnecting the LISTEN connection: 100 ms, doubling, at most 5 s between attempts. */
const RELISTEN_MS = { first: 100, max: 5000 }

// Every table of a class is keyed by its room (issue 20): no statement below reads or writes a row without the room.
/** The service's tables live in a schema of their own in whatever database DATABASE_URL names. */
export const PG_SCHEMA = 'silicon_contract'

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS rooms (code text PRIMARY KEY, secret_hash text, created_at bigint NOT NULL, closed_at bigint);
  CREATE TABLE IF NOT EXISTS rounds (room text NOT NULL, poll text NOT NULL, round integer NOT NULL, phase text NOT NULL,
    PRIMARY KEY (room, poll, round));
  CREATE TABLE IF NOT EXISTS answers (room text NOT NULL, poll text NOT NULL, round integer NOT NULL, voter text NOT NULL,
    value double precision NOT NULL, updated_at bigint NOT NULL, confidence integer, track text, PRIMARY KEY (room, poll, round, voter));
  CREATE TABLE IF NOT EXISTS presenter (room text PRIMARY KEY, slide integer NOT NULL,
    clicks integer NOT NULL, seq integer NOT NULL, leader text);
  CREATE TABLE IF NOT EXISTS meta (name text PRIMARY KEY, value bytea NOT NULL);
  CREATE TABLE IF NOT EXISTS versions (room text NOT NULL, part text NOT NULL, version integer NOT NULL, PRIMARY KEY (room, part));
  CREATE TABLE IF NOT EXISTS contracts (room text NOT NULL, voter text NOT NULL, track text NOT NULL, recipe text NOT NULL,
    updated_at bigint NOT NULL, PRIMARY KEY (room, voter));
  CREATE TABLE IF NOT EXISTS games (room text NOT NULL, voter text NOT NULL, track text NOT NULL, tries integer NOT NULL,
    found boolean NOT NULL, updated_at bigint NOT NULL, PRIMARY KEY (room, voter));`

/** A database from before rooms (its tables without a `room` column) becomes the default room, in the transaction that
 *  creates the schema: each old table gets the column (the default room's new code) and a primary key that starts with it. */
async function migrateToRooms(c: Queryable): Promise<void> {
  const { rows } = await c.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_name = ANY($1::text[])`, [['rounds', 'answers', 'presenter', 'versions', 'contracts', 'games']])
  if (!rows.length) return
  const { rows: has } = await c.query(`SELECT 1 FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'rounds' AND column_name = 'room'`)
  if (has.length) return
  const code = newRoomCode()
  await c.query('CREATE TABLE IF NOT EXISTS rooms (code text PRIMARY KEY, secret_hash text, created_at bigint NOT NULL, closed_at bigint)')
  await c.query('CREATE TABLE IF NOT EXISTS meta (name text PRIMARY KEY, value bytea NOT NULL)')
  await c.query('INSERT INTO rooms (code, secret_hash, created_at) VALUES ($1, NULL, $2)', [code, Date.now()])
  await c.query("INSERT INTO meta (name, value) VALUES ('default_room', $1) ON CONFLICT (name) DO UPDATE SET value = excluded.value", [Buffer.from(code)])
  const keys: Record<string, string> = { rounds: 'poll, round', answers: 'poll, round, voter', versions: 'part', contracts: 'voter', games: 'voter', presenter: '' }
  for (const { table_name: t } of rows) {
    if (t === 'presenter') await c.query('ALTER TABLE presenter DROP COLUMN id') // its primary key and CHECK (id = 1) go with it
    else await c.query(`ALTER TABLE ${t} DROP CONSTRAINT ${t}_pkey`)
    await c.query(`ALTER TABLE ${t} ADD COLUMN room text NOT NULL DEFAULT '${code}'`) // six digits, checked by newRoomCode
    await c.query(`ALTER TABLE ${t} ALTER COLUMN room DROP DEFAULT`)
    await c.query(`ALTER TABLE ${t} ADD PRIMARY KEY (room${keys[t] ? `, ${keys[t]}` : ''})`)
  }
}

/** Host, port and database of a URL, for the operator's terminal: never the user's password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url)
    return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname || '/'}`
  } catch {
    return 'PostgreSQL (an unparsable DATABASE_URL)'
  }
}

export class PgSessionStore implements SessionStore {
  readonly kind = 'postgres'
  readonly where: string

  /** tells this instance's notifications from other processes' */
  private readonly origin = randomBytes(6).toString('hex')
  private readonly listeners = new Set<ChangeListener>()
  /** the dedicated LISTEN connection (a pooled one would be handed to other queries), once someone subscribed */
  private listening: Promise<void> | null = null
  private listener: pg.Client | null = null
  private relistenTimer: ReturnType<typeof setTimeout> | null = null
  private closing = false

  private constructor(private pool: pg.Pool, private url: string) {
    this.where = describeUrl(url)
  }

  /** Connects, refuses a server that would not keep an acknowledged commit (fsync or synchronous_commit off), and
   *  creates the tables if missing (under a lock, so processes starting together do not race). */
  static async open(url: string, poolSize = 10): Promise<PgSessionStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: poolSize,
      // its own schema: DATABASE_URL may name a database other applications use, whose 'meta' or 'contracts' tables
      // CREATE TABLE IF NOT EXISTS would otherwise silently share
      options: `-c synchronous_commit=on -c search_path=${PG_SCHEMA}`,
      connectionTimeoutMillis: 10_000,
      application_name: 'silicon-contract',
    })
    // an idle connection that breaks (a database restart) must not take the process down; the next query reconnects
    pool.on('error', (e) => console.error(`[session] PostgreSQL connection lost: ${e.message}`))
    const store = new PgSessionStore(pool, url)
    try {
      const { rows } = await pool.query<{ sc: string; fs: string }>("SELECT current_setting('synchronous_commit') AS sc, current_setting('fsync') AS fs")
      if (rows[0].sc === 'off' || rows[0].fs !== 'on')
        throw new Error(`PostgreSQL at ${store.where} runs with synchronous_commit=${rows[0].sc}, fsync=${rows[0].fs}: an acknowledged answer could be lost in a crash; the class service needs both on`)
      await store.tx(null, [], async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_SPACE])
        await c.query(`CREATE SCHEMA IF NOT EXISTS ${PG_SCHEMA}`)
        await migrateToRooms(c)
        await c.query(SCHEMA)
        // issue 22: how sure and on which track, nullable (not said); additive, so an older service still reads the table
        await c.query('ALTER TABLE answers ADD COLUMN IF NOT EXISTS confidence integer, ADD COLUMN IF NOT EXISTS track text')
      })
    } catch (e) {
      await pool.end().catch(() => {})
      throw e
    }
    return store
  }

  /** One transaction; `locks` are the polls (or `contracts`) of `room` whose writers take turns with this one. Resolves
   *  after the COMMIT returned (durable); a failure anywhere rolls back and rejects, and the connection is not reused. */
  private async tx<T>(room: string | null, locks: string[], fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect()
    // a checked-out client is the caller's to watch (node-postgres): a connection that breaks between two statements of
    // the transaction (a database restart) would otherwise be an unhandled 'error' that takes the process down; the
    // next statement (or COMMIT) then fails, and the caller sees that
    const broke = (e: Error) => console.error(`[session] PostgreSQL connection lost mid-transaction: ${e.message}`)
    c.on('error', broke)
    try {
      await c.query('BEGIN')
      for (const part of [...new Set(locks)].sort()) await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, `${room}/${part}`])
      const out = await fn(c)
      await c.query('COMMIT')
      c.release()
      return out
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {})
      c.release(true)
      throw e
    } finally {
      c.off('error', broke)
    }
  }

  private async cur(q: Queryable, room: string, poll: string): Promise<{ round: number; phase: Phase }> {
    const r = await q.query<{ round: number; phase: Phase }>('SELECT round, phase FROM rounds WHERE room = $1 AND poll = $2 ORDER BY round DESC LIMIT 1', [room, poll])
    if (r.rows[0]) return r.rows[0]
    await q.query("INSERT INTO rounds (room, poll, round, phase) VALUES ($1, $2, 1, 'open') ON CONFLICT DO NOTHING", [room, poll])
    return { round: 1, phase: 'open' }
  }

  /** Every change a view shows bumps its part's version, and announces itself to every process in the same statement,
   *  so in the same transaction: the notification is delivered only if the change committed. */
  private bump(q: Queryable, room: string, part: string, kind: 'count' | 'phase', by = 1) {
    return q.query(`WITH v AS (INSERT INTO versions (room, part, version) VALUES ($1, $2, $3)
      ON CONFLICT (room, part) DO UPDATE SET version = versions.version + excluded.version RETURNING 1)
      SELECT pg_notify($4, $5) FROM v`, [room, part, by, NOTIFY_CHANNEL, this.payload({ room, kind, part })])
  }

  private payload(c: RoomChange): string { return `${this.origin}:${c.room}:${c.kind}:${c.part}` }

  async subscribe(l: ChangeListener): Promise<() => void> {
    this.listeners.add(l)
    // the first subscriber connects; a database unreachable at start-up fails the start, later drops are retried
    await (this.listening ??= this.listen())
    return () => { this.listeners.delete(l) }
  }

  private async listen(): Promise<void> {
    const c = new pg.Client({ connectionString: this.url, application_name: 'silicon-contract-listen', keepAlive: true, connectionTimeoutMillis: 10_000 })
    c.on('notification', (m) => { if (m.channel === NOTIFY_CHANNEL && m.payload) this.deliver(m.payload) })
    c.on('error', (e) => this.relisten(c, e))
    c.on('end', () => this.relisten(c))
    try {
      await c.connect()
      await c.query(`LISTEN ${NOTIFY_CHANNEL}`)
    } catch (e) {
      c.removeAllListeners('end')
      await c.end().catch(() => {})
      throw e
    }
    if (this.closing) { // closed while connecting
      await c.end().catch(() => {})
      return
    }
    this.listener = c
  }

  /** The LISTEN connection dropped (a database restart, a network cut): connect again with backoff; notifications sent
   *  meanwhile are lost, so once back every subscriber re-reads its rooms. */
  private relisten(c: pg.Client, e?: Error, attempt = 0): void {
    if (this.closing || (attempt === 0 && c !== this.listener)) return
    if (attempt === 0) {
      console.error(`[session] the PostgreSQL notification connection dropped${e ? ` (${e.message})` : ''}; reconnecting`)
      this.listener = null
      c.removeAllListeners('end')
      void c.end().catch(() => {})
    }
    const wait = Math.min(RELISTEN_MS.max, RELISTEN_MS.first * 2 ** attempt)
    this.relistenTimer = setTimeout(() => {
      this.listen().then(() => {
        console.error('[session] listening for other processes\' changes again')
        for (const l of this.listeners) l.resync()
      }, () => this.relisten(c, undefined, attempt + 1))
    }, wait)
    this.relistenTimer.unref?.()
  }

  private deliver(payload: string): void {
    const [origin, room, kind, ...rest] = payload.split(':')
    if (origin === this.origin || !KINDS.has(kind)) return
    const change = { room, kind: kind as RoomChange['kind'], part: rest.join(':') }
    for (const l of this.listeners) l.change(change)
  }

  async identityKey(): Promise<Buffer> {
    await this.pool.query('INSERT INTO meta (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', ['identity_key', randomBytes(32)])
    const { rows } = await this.pool.query<{ value: Buffer }>('SELECT value FROM meta WHERE name = $1', ['identity_key'])
    return rows[0].value
  }

  // rooms (issue 20)
  private static readonly ROOM_COLS = 'code, secret_hash AS "secretHash", created_at::float8 AS "createdAt", closed_at::float8 AS "closedAt"'

  async defaultRoom(): Promise<RoomInfo> {
    // one transaction under the store's first lock, so processes starting together agree on one default room
    const code = await this.tx(null, ['default-room'], async (c) => {
      const { rows } = await c.query<{ value: Buffer }>("SELECT value FROM meta WHERE name = 'default_room'")
      if (rows[0]) return rows[0].value.toString()
      const made = await this.createIn(c, null, Date.now())
      await c.query("INSERT INTO meta (name, value) VALUES ('default_room', $1)", [Buffer.from(made.code)])
      return made.code
    })
    return (await this.findRoom(code))!
  }

  private async createIn(c: Queryable, secretHash: string | null, now: number): Promise<RoomInfo> {
    for (;;) {
      const { rows } = await c.query<RoomInfo>(`INSERT INTO rooms (code, secret_hash, created_at) VALUES ($1, $2, $3)
        ON CONFLICT DO NOTHING RETURNING ${PgSessionStore.ROOM_COLS}`, [newRoomCode(), secretHash, now])
      if (rows[0]) return rows[0]
    }
  }

  createRoom(secretHash: string | null, now = Date.now()): Promise<RoomInfo> { return this.createIn(this.pool, secretHash, now) }

  async findRoom(code: string): Promise<RoomInfo | null> {
    const { rows } = await this.pool.query<RoomInfo>(`SELECT ${PgSessionStore.ROOM_COLS} FROM rooms WHERE code = $1`, [code])
    return rows[0] ?? null
  }

  async listRooms(): Promise<RoomInfo[]> {
    return (await this.pool.query<RoomInfo>(`SELECT ${PgSessionStore.ROOM_COLS} FROM rooms ORDER BY created_at, code COLLATE "C"`)).rows
  }

  async closeRoom(code: string, now = Date.now()): Promise<boolean> {
    // the other processes end the room's event streams
    await this.pool.query(`WITH c AS (UPDATE rooms SET closed_at = $1 WHERE code = $2 AND closed_at IS NULL RETURNING 1)
      SELECT pg_notify($3, $4) FROM c`, [now, code, NOTIFY_CHANNEL, this.payload({ room: code, kind: 'closed', part: '' })])
    return (await this.findRoom(code)) !== null
  }

  room(code: string): RoomStore { return bindRoom(this, code) }

  current(room: string, poll: string) { return this.cur(this.pool, room, poll) }

  async state(room: string, poll: string): Promise<RoundState> {
    return (await this.states(room, [poll]))[0]
  }

  async states(room: string, polls: string[]): Promise<RoundState[]> {
    const read = () => this.pool.query<RoundState>(`
      SELECT p.poll, r.round, r.phase,
        (SELECT COUNT(*)::int FROM answers a WHERE a.room = $2 AND a.poll = p.poll AND a.round = r.round) AS count,
        COALESCE((SELECT v.version FROM versions v WHERE v.room = $2 AND v.part = p.poll), 0) AS version
      FROM unnest($1::text[]) WITH ORDINALITY AS p(poll, i)
      LEFT JOIN LATERAL (SELECT round, phase FROM rounds WHERE rounds.room = $2 AND rounds.poll = p.poll ORDER BY round DESC LIMIT 1) r ON true
      ORDER BY p.i`, [polls, room])
    let { rows } = await read()
    const missing = rows.filter((r) => r.round === null).map((r) => r.poll)
    if (missing.length) {
      await this.pool.query("INSERT INTO rounds (room, poll, round, phase) SELECT $2, unnest($1::text[]), 1, 'open' ON CONFLICT DO NOTHING", [missing, room])
      rows = (await read()).rows
    }
    return rows
  }

  async version(room: string, part: string): Promise<number> {
    const { rows } = await this.pool.query<{ version: number }>('SELECT version FROM versions WHERE room = $1 AND part = $2', [room, part])
    return rows[0]?.version ?? 0
  }

  async roundPhase(room: string, poll: string, round: number): Promise<Phase | null> {
    const { rows } = await this.pool.query<{ phase: Phase }>('SELECT phase FROM rounds WHERE room = $1 AND poll = $2 AND round = $3', [room, poll, round])
    return rows[0]?.phase ?? null
  }

  async count(room: string, poll: string, round: number): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM answers WHERE room = $1 AND poll = $2 AND round = $3', [room, poll, round])
    return rows[0].n
  }

  async answer(room: string, poll: string, voter: string, value: number, now = Date.now()): Promise<number | null> {
    const [r] = await this.answerBatch(room, [{ poll, voter, value }], now)
    return 'round' in r && !('closed' in r) ? r.round : null
  }

  async answerBatch(room: string, items: AnswerInput[], now = Date.now()): Promise<AnswerOutcome[]> {
    if (!items.length) return []
    return this.tx(room, items.map((a) => a.poll), async (c) => {
      const rounds = new Map<string, { round: number; phase: Phase }>()
      // the last answer of a voter in the batch wins, as it would one statement at a time
      const upserts = new Map<string, { poll: string; round: number; voter: string; value: number; confidence: number | null; track: string | null }>()
      const accepted = new Map<string, number>()
      const out: AnswerOutcome[] = []
      for (const a of items) {
        let r = rounds.get(a.poll)
        if (!r) rounds.set(a.poll, r = await this.cur(c, room, a.poll))
        if (r.phase !== 'open') { out.push({ closed: r.phase, round: r.round }); continue }
        if (a.round !== undefined && a.round !== r.round) { out.push({ stale: r.round }); continue }
        upserts.set(JSON.stringify([a.poll, a.voter]), { poll: a.poll, round: r.round, voter: a.voter, value: a.value, confidence: a.confidence ?? null, track: a.track ?? null })
        accepted.set(a.poll, (accepted.get(a.poll) ?? 0) + 1)
        out.push({ round: r.round })
      }
      if (upserts.size) {
        const u = [...upserts.values()]
        await c.query(`INSERT INTO answers (room, poll, round, voter, value, updated_at, confidence, track)
          SELECT $6, poll, round, voter, value, $5, confidence, track
          FROM unnest($1::text[], $2::int[], $3::text[], $4::float8[], $7::int[], $8::text[]) AS t(poll, round, voter, value, confidence, track)
          ON CONFLICT (room, poll, round, voter) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
            confidence = excluded.confidence, track = excluded.track`,
        [u.map((x) => x.poll), u.map((x) => x.round), u.map((x) => x.voter), u.map((x) => x.value), now, room, u.map((x) => x.confidence), u.map((x) => x.track)])
        for (const [poll, n] of [...accepted].sort(([a], [b]) => a < b ? -1 : 1)) await this.bump(c, room, poll, 'count', n)
      }
      return out
    })
  }

  async setPhase(room: string, poll: string, phase: Phase): Promise<void> {
    await this.tx(room, [poll], async (c) => {
      const { round } = await this.cur(c, room, poll)
      await c.query('UPDATE rounds SET phase = $1 WHERE room = $2 AND poll = $3 AND round = $4', [phase, room, poll, round])
      await this.bump(c, room, poll, 'phase')
    })
  }

  async reset(room: string, poll: string): Promise<void> {
    await this.tx(room, [poll], async (c) => {
      const { round } = await this.cur(c, room, poll)
      await c.query('DELETE FROM answers WHERE room = $1 AND poll = $2 AND round = $3', [room, poll, round])
      await c.query("UPDATE rounds SET phase = 'open' WHERE room = $1 AND poll = $2 AND round = $3", [room, poll, round])
      await this.bump(c, room, poll, 'phase')
    })
  }

  async newRound(room: string, poll: string): Promise<number> {
    return this.tx(room, [poll], async (c) => {
      const { round } = await this.cur(c, room, poll)
      await c.query("INSERT INTO rounds (room, poll, round, phase) VALUES ($1, $2, $3, 'open') ON CONFLICT DO NOTHING", [room, poll, round + 1])
      await this.bump(c, room, poll, 'phase')
      return round + 1
    })
  }

  async values(room: string, poll: string, round: number): Promise<number[]> {
    const { rows } = await this.pool.query<{ value: number }>('SELECT value FROM answers WHERE room = $1 AND poll = $2 AND round = $3', [room, poll, round])
    return rows.map((r) => r.value)
  }

  async mine(room: string, poll: string, round: number, voter: string): Promise<MyAnswer | null> {
    const { rows } = await this.pool.query<MyAnswer>('SELECT value, confidence FROM answers WHERE room = $1 AND poll = $2 AND round = $3 AND voter = $4', [room, poll, round, voter])
    return rows[0] ?? null
  }

  async rows(room: string, poll: string, round: number): Promise<AnswerRow[]> {
    // COLLATE "C": bytewise, as SQLite orders text, whatever the database's locale
    const { rows } = await this.pool.query<AnswerRow>(`SELECT poll, round, voter, value, updated_at::float8 AS "updatedAt", confidence, track
      FROM answers WHERE room = $1 AND poll = $2 AND round = $3 ORDER BY updated_at, voter COLLATE "C"`, [room, poll, round])
    return rows
  }

  async rounds(room: string, poll: string): Promise<{ round: number; phase: Phase; count: number }[]> {
    const { rows } = await this.pool.query<{ round: number; phase: Phase; count: number }>(`SELECT r.round, r.phase, COUNT(a.voter)::int AS count
      FROM rounds r LEFT JOIN answers a ON a.room = r.room AND a.poll = r.poll AND a.round = r.round
      WHERE r.room = $1 AND r.poll = $2 GROUP BY r.round, r.phase ORDER BY r.round`, [room, poll])
    return rows
  }

  async presenter(room: string): Promise<PresenterPos> {
    const { rows } = await this.pool.query<PresenterPos>('SELECT slide, clicks, seq, leader FROM presenter WHERE room = $1', [room])
    return rows[0] ?? { slide: 1, clicks: 0, seq: 0, leader: null }
  }

  async setPresenter(room: string, slide: number, clicks: number, leader: string | null = null): Promise<PresenterPos> {
    // one statement, so one transaction with its notification; seq is incremented in the row, so moves made through
    // different processes are ordered by it
    const { rows } = await this.pool.query<PresenterPos>(`WITH p AS (INSERT INTO presenter (room, slide, clicks, seq, leader) VALUES ($4, $1, $2, 1, $3)
      ON CONFLICT (room) DO UPDATE SET slide = excluded.slide, clicks = excluded.clicks, seq = presenter.seq + 1, leader = excluded.leader
      RETURNING slide, clicks, seq, leader)
      SELECT slide, clicks, seq, leader FROM p, LATERAL (SELECT pg_notify($5, $6)) n`,
    [slide, clicks, leader, room, NOTIFY_CHANNEL, this.payload({ room, kind: 'presenter', part: '' })])
    return rows[0]
  }

  private submit(room: string, write: (c: pg.PoolClient) => Promise<boolean>): Promise<StoreOutcome> {
    return this.tx(room, [CONTRACTS_POLL], async (c): Promise<StoreOutcome> => {
      const { phase } = await this.cur(c, room, CONTRACTS_POLL)
      if (phase !== 'open') return { closed: phase }
      const replaced = await write(c)
      await this.bump(c, room, CONTRACTS_POLL, 'count') // a changed recipe, same count: the views still refetch (issue 19)
      return { ok: true, replaced }
    })
  }

  submitContract(room: string, voter: string, k: ContractRow, now = Date.now()): Promise<StoreOutcome> {
    return this.submit(room, async (c) => {
      const had = (await c.query('SELECT 1 FROM contracts WHERE room = $1 AND voter = $2', [room, voter])).rowCount! > 0
      await c.query(`INSERT INTO contracts (room, voter, track, recipe, updated_at) VALUES ($5, $1, $2, $3, $4)
        ON CONFLICT (room, voter) DO UPDATE SET track = excluded.track, recipe = excluded.recipe, updated_at = excluded.updated_at`,
      [voter, k.track, JSON.stringify(k.recipe), now, room])
      return had
    })
  }

  submitGame(room: string, voter: string, g: GameRow, now = Date.now()): Promise<StoreOutcome> {
    return this.submit(room, async (c) => {
      const had = (await c.query('SELECT 1 FROM games WHERE room = $1 AND voter = $2', [room, voter])).rowCount! > 0
      await c.query(`INSERT INTO games (room, voter, track, tries, found, updated_at) VALUES ($6, $1, $2, $3, $4, $5)
        ON CONFLICT (room, voter) DO UPDATE SET track = excluded.track, tries = excluded.tries, found = excluded.found, updated_at = excluded.updated_at`,
      [voter, g.track, g.triesUsed, g.found, now, room])
      return had
    })
  }

  async contractCounts(room: string): Promise<{ contracts: number; games: number }> {
    const { rows } = await this.pool.query<{ contracts: number; games: number }>(
      'SELECT (SELECT COUNT(*)::int FROM contracts WHERE room = $1) AS contracts, (SELECT COUNT(*)::int FROM games WHERE room = $1) AS games', [room])
    return rows[0]
  }

  async contractList(room: string): Promise<ContractRow[]> {
    // oldest first; the voter only breaks ties (bytewise, as on SQLite) and never leaves the store
    const { rows } = await this.pool.query<{ track: TrackId; recipe: string }>('SELECT track, recipe FROM contracts WHERE room = $1 ORDER BY updated_at, voter COLLATE "C"', [room])
    return rows.map((r) => ({ track: r.track, recipe: JSON.parse(r.recipe) }))
  }

  async gameResults(room: string): Promise<GameRow[]> {
    const { rows } = await this.pool.query<{ track: TrackId; tries: number; found: boolean }>('SELECT track, tries, found FROM games WHERE room = $1', [room])
    return rows.map((g) => ({ track: g.track, triesUsed: g.tries, found: g.found }))
  }

  async myContract(room: string, voter: string): Promise<{ contract: ContractRow | null; game: GameRow | null }> {
    const [c, g] = await Promise.all([
      this.pool.query<{ track: TrackId; recipe: string }>('SELECT track, recipe FROM contracts WHERE room = $1 AND voter = $2', [room, voter]),
      this.pool.query<{ track: TrackId; tries: number; found: boolean }>('SELECT track, tries, found FROM games WHERE room = $1 AND voter = $2', [room, voter]),
    ])
    return {
      contract: c.rows[0] ? { track: c.rows[0].track, recipe: JSON.parse(c.rows[0].recipe) } : null,
      game: g.rows[0] ? { track: g.rows[0].track, triesUsed: g.rows[0].tries, found: g.rows[0].found } : null,
    }
  }

  async close(): Promise<void> {
    this.closing = true
    if (this.relistenTimer) clearTimeout(this.relistenTimer)
    this.listeners.clear()
    await this.listener?.end().catch(() => {})
    await this.pool.end()
  }

  // issue 20 item 2 (rest): export and expiry. COLLATE "C" orders text bytewise, as SQLite does.
  async dumpRoom(code: string): Promise<RoomDump | null> {
    // one REPEATABLE READ snapshot, so the rounds, answers, contracts and games are of one moment
    const c = await this.pool.connect()
    try {
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
      const all = async (sql: string) => (await c.query(sql, [code])).rows
      const room = (await all(`SELECT ${PgSessionStore.ROOM_COLS} FROM rooms WHERE code = $1`))[0] as RoomInfo | undefined
      const dump: RoomDump | null = room
        ? {
            room,
            rounds: await all('SELECT poll, round, phase FROM rounds WHERE room = $1 ORDER BY poll COLLATE "C", round'),
            answers: await all(`SELECT poll, round, voter, value, updated_at::float8 AS "updatedAt" FROM answers WHERE room = $1
              ORDER BY poll COLLATE "C", round, updated_at, voter COLLATE "C"`),
            contracts: (await all('SELECT voter, track, recipe, updated_at::float8 AS "updatedAt" FROM contracts WHERE room = $1 ORDER BY updated_at, voter COLLATE "C"'))
              .map((k) => ({ ...k, recipe: JSON.parse(k.recipe) })),
            games: (await all('SELECT voter, track, tries AS "triesUsed", found, updated_at::float8 AS "updatedAt" FROM games WHERE room = $1 ORDER BY updated_at, voter COLLATE "C"')),
          }
        : null
      await c.query('COMMIT')
      c.release()
      return dump
    } catch (e) {
      c.release(true)
      throw e
    }
  }

  async closeIdleRooms(before: number, keep: string, now = Date.now()): Promise<string[]> {
    // in one transaction with the notifications, as closeRoom: every process ends the closed rooms' event streams
    return this.tx(null, [], async (c) => {
      const { rows } = await c.query<{ code: string }>(`UPDATE rooms r SET closed_at = $3 WHERE closed_at IS NULL AND code <> $2 AND GREATEST(created_at,
          (SELECT MAX(updated_at) FROM answers WHERE room = r.code),
          (SELECT MAX(updated_at) FROM contracts WHERE room = r.code),
          (SELECT MAX(updated_at) FROM games WHERE room = r.code)) < $1 RETURNING code`, [before, keep, now])
      const codes = rows.map((r) => r.code).sort()
      for (const code of codes) await c.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, this.payload({ room: code, kind: 'closed', part: '' })])
      return codes
    })
  }

  async deleteClosedRooms(before: number, keep: string): Promise<string[]> {
    return this.tx(null, [], async (c) => {
      const { rows } = await c.query<{ code: string }>('DELETE FROM rooms WHERE closed_at < $1 AND code <> $2 RETURNING code', [before, keep])
      const codes = rows.map((r) => r.code).sort()
      for (const t of ['rounds', 'answers', 'presenter', 'versions', 'contracts', 'games']) await c.query(`DELETE FROM ${t} WHERE room = ANY($1::text[])`, [codes])
      return codes
    })
  }
}
