// Several stateless service processes over one PostgreSQL database (issue 20 items 4 and 5): three real processes
// (server/cli.ts, as `npm run serve` runs it) on free ports, as a load balancer would spread a class over them.
// - A change made through one process reaches the event streams held by another within BOUND_MS (pg_notify in the
//   committing transaction, LISTEN in every process). BOUND_MS is generous on purpose (a loaded 2-core machine): the
//   test proves the change arrives by itself, pushed, not how fast; `npm run bench:session -- --processes 3` measures.
// - An identity (cookie) issued by one process answers on every other (the signing key is in the shared store).
// - kill -9 of one process in the middle of a burst: every acknowledged answer is in the database, and the killed
//   process's students retry on another process and their streams reconnect there and catch up by themselves.
// - Rooms stay isolated across processes: a room's secret or cookie controls nothing of another room on another process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import type { ChildProcess } from 'node:child_process'
import type { Snapshot } from '../../server/api.ts'
import type { RoomChange } from '../../server/store.ts'
import { roomSecretHash } from '../../server/handler.ts'
import { PgSessionStore } from '../../server/pgStore.ts'
import { serviceProcesses } from './fixtures/serviceProcess.ts'
import { freshDatabase, PG_SKIP_REASON, STORES, TEST_DATABASE_URL } from './fixtures/stores.ts'

const SECRET = 'multi-process-secret-Bilby-77'
/** the stated bound: a change made through one process is on another process's streams within 2 s */
const BOUND_MS = 2000
const PROCESSES = 3
const title = 'several service processes over one PostgreSQL'

type Proc = { child: ChildProcess; url: string }

/** A student's event stream, as a browser's EventSource: keeps every `state` snapshot; when the stream ends or cannot
 *  connect (its process died), it connects again to the next process, as a load balancer sends a new connection to a
 *  live one. `statuses`: the HTTP status of each connection attempt (0: refused). */
class Follower {
  snapshots: Snapshot[] = []
  /** the process of each successful connection, in order */
  connectedTo: number[] = []
  statuses: number[] = []
  private stop = new AbortController()
  private waiters = new Set<() => void>()

  constructor(private procs: Proc[], public at: number, private path = '/api/session/events', private cookie?: string) {
    void this.run()
  }

  get last(): Snapshot | undefined { return this.snapshots.at(-1) }

  /** The first snapshot (already seen or coming) for which `pred` holds; fails after `ms`. */
  until(pred: (s: Snapshot) => boolean, what: string, ms = BOUND_MS): Promise<Snapshot> {
    return new Promise((ok, fail) => {
      const check = () => {
        const s = [...this.snapshots].reverse().find(pred)
        if (!s) return false
        clearTimeout(timer)
        this.waiters.delete(check as () => void)
        ok(s)
        return true
      }
      const timer = setTimeout(() => {
        this.waiters.delete(check as () => void)
        fail(new Error(`not seen within ${ms} ms: ${what}; last snapshot ${JSON.stringify(this.last)}`))
      }, ms)
      if (!check()) this.waiters.add(check as () => void)
    })
  }

  /** Resolves when the stream has (re)connected `n` times in all. */
  async connections(n: number, ms = BOUND_MS * 2): Promise<void> {
    const t0 = Date.now()
    while (this.connectedTo.length < n) {
      if (Date.now() - t0 > ms) throw new Error(`stream connected ${this.connectedTo.length} times, not ${n}, within ${ms} ms`)
      await new Promise((ok) => setTimeout(ok, 20))
    }
  }

  close(): void { this.stop.abort() }

  private async run(): Promise<void> {
    const decoder = new TextDecoder()
    while (!this.stop.signal.aborted) {
      try {
        const res = await fetch(this.procs[this.at].url + this.path, { headers: this.cookie ? { Cookie: this.cookie } : {}, signal: this.stop.signal })
        this.statuses.push(res.status)
        if (res.status === 200 && res.body) {
          this.connectedTo.push(this.at)
          let buf = ''
          for await (const chunk of res.body) {
            buf += decoder.decode(chunk, { stream: true })
            for (let end = buf.indexOf('\n\n'); end >= 0; end = buf.indexOf('\n\n')) {
              const frame = buf.slice(0, end)
              buf = buf.slice(end + 2)
              const data = frame.split('\n').find((l) => l.startsWith('data: '))
              if (frame.includes('event: state') && data) {
                this.snapshots.push(JSON.parse(data.slice('data: '.length)))
                for (const w of [...this.waiters]) w()
              }
            }
          }
        } else await res.body?.cancel()
      } catch {
        if (this.stop.signal.aborted) return
        this.statuses.push(0)
      }
      // the stream ended or was refused: next process (a browser's EventSource retries after the service's `retry`)
      this.at = (this.at + 1) % this.procs.length
      await new Promise((ok) => setTimeout(ok, 100))
    }
  }
}

interface Reply { status: number; body: any; headers: Headers }
async function call(base: string, path: string, o: { json?: unknown; cookie?: string; secret?: string } = {}): Promise<Reply> {
  const res = await fetch(base + path, {
    method: o.json === undefined ? 'GET' : 'POST',
    headers: { ...(o.json === undefined ? {} : { 'Content-Type': 'application/json' }), ...(o.cookie ? { Cookie: o.cookie } : {}),
      ...(o.secret ? { Authorization: `Bearer ${o.secret}` } : {}) },
    body: o.json === undefined ? undefined : JSON.stringify(o.json),
  })
  const text = await res.text()
  let body: any = null
  try { body = JSON.parse(text) } catch { /* not JSON */ }
  return { status: res.status, body, headers: res.headers }
}
/** A new identity from one process: its cookie (name=value) and voter id. */
async function identity(base: string, prefix = '/api/session/'): Promise<{ cookie: string; id: string }> {
  const res = await fetch(`${base}${prefix}identity`)
  expect(res.status).toBe(200)
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sc_voter='))!.split(';')[0]
  return { cookie, id: cookie.slice('sc_voter='.length).split('.')[0] }
}

describe.skipIf(!TEST_DATABASE_URL)(TEST_DATABASE_URL ? title : `${title} (skipped: ${PG_SKIP_REASON})`, () => {
  const db = { url: '', drop: async () => {} }
  let store: PgSessionStore | undefined
  // registered first, so it runs last: after the processes are gone
  afterAll(async () => {
    await store?.close()
    await db.drop()
  })
  const service = serviceProcesses(SECRET, 'multi-process-', STORES[1], db)
  const procs: Proc[] = []
  let home = ''
  const followers: Follower[] = []
  const follow = (at: number, path?: string, cookie?: string) => {
    const f = new Follower(procs, at, path, cookie)
    followers.push(f)
    return f
  }
  afterAll(() => { for (const f of followers) f.close() })

  beforeAll(async () => {
    Object.assign(db, await freshDatabase(TEST_DATABASE_URL!))
    // started together: they create the schema and the default room on one empty database at once
    procs.push(...await Promise.all(Array.from({ length: PROCESSES }, () => service.start())))
    store = await PgSessionStore.open(db.url)
    home = (await store.defaultRoom()).code
  }, 60_000)

  it('the processes started together agree on one default room', async () => {
    const rooms = await Promise.all(procs.map(async (p) => (await call(p.url, '/api/session/state')).body.room))
    expect(rooms).toEqual(procs.map(() => home))
  })

  it(`a lock, a reveal, a new count and presenter moves made through one process reach a stream on another within ${BOUND_MS} ms`, async () => {
    const [A, B, C] = procs
    const student = await identity(A.url)
    const f = follow(0, '/api/session/events', student.cookie)
    const first = await f.until(() => true, 'the first snapshot')
    expect(first.polls.quantizationAccuracy.phase).toBe('open')

    expect((await call(C.url, '/api/session/answer', { json: { poll: 'quantizationAccuracy', value: 2 }, cookie: (await identity(C.url)).cookie })).status).toBe(200)
    await f.until((s) => s.polls.quantizationAccuracy.count === 1, 'the answer given through C counted on A')

    expect((await call(B.url, '/api/session/control', { json: { action: 'lock', poll: 'quantizationAccuracy' }, secret: SECRET })).status).toBe(200)
    await f.until((s) => s.polls.quantizationAccuracy.phase === 'locked', 'the lock made through B')
    expect((await call(B.url, '/api/session/control', { json: { action: 'reveal', poll: 'quantizationAccuracy' }, secret: SECRET })).status).toBe(200)
    await f.until((s) => s.polls.quantizationAccuracy.phase === 'revealed', 'the reveal made through B')

    // moves through each process in turn: the stream on A sees them in order, each with a higher seq
    const made: number[] = []
    for (const [i, p] of [B, C, B, A, C].entries()) {
      const r = await call(p.url, '/api/session/control', { json: { action: 'goto', slide: 10 + i, clicks: i }, secret: SECRET })
      expect(r.status).toBe(200)
      made.push(r.body.presenter.seq)
      await f.until((s) => s.presenter.seq === r.body.presenter.seq && s.presenter.slide === 10 + i, `move ${i + 1} (slide ${10 + i})`)
    }
    expect(made).toEqual([...made].sort((a, b) => a - b))
    expect(new Set(made).size).toBe(made.length)
    const seqs = f.snapshots.map((s) => s.presenter.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b)) // never an older move after a newer one
  }, 30_000)

  it('presenter moves made at once through all processes are ordered by seq, and every stream ends on the newest', async () => {
    const streams = procs.map((_, i) => follow(i))
    await Promise.all(streams.map((s) => s.until(() => true, 'the first snapshot')))
    const replies = await Promise.all(Array.from({ length: 9 }, (_, i) =>
      call(procs[i % PROCESSES].url, '/api/session/control', { json: { action: 'goto', slide: 30 + i, clicks: 0 }, secret: SECRET })))
    const moves = replies.map((r) => { expect(r.status).toBe(200); return r.body.presenter })
    expect(new Set(moves.map((m) => m.seq)).size).toBe(moves.length) // one seq per move, whichever process made it
    const newest = moves.reduce((a, b) => b.seq > a.seq ? b : a)
    for (const s of streams) {
      await s.until((x) => x.presenter.seq === newest.seq && x.presenter.slide === newest.slide, `the newest move (seq ${newest.seq})`)
      const seqs = s.snapshots.map((x) => x.presenter.seq)
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    }
  }, 30_000)

  it('an identity issued by one process answers on the others, in the default room and in a room of its own', async () => {
    const [A, B, C] = procs
    const student = await identity(A.url)
    expect((await call(B.url, '/api/session/identity', { cookie: student.cookie })).body).toEqual({ ok: true, issued: false })
    expect((await call(B.url, '/api/session/answer', { json: { poll: 'distillation', value: 3 }, cookie: student.cookie })).status).toBe(200)
    expect((await call(C.url, '/api/session/state', { cookie: student.cookie })).body.mine.distillation).toBe(3)
    // the presenter's pass (signed under the same key) is the same whichever process signs the presenter in
    const pass = async (p: Proc) => (await call(p.url, '/api/session/auth', { secret: SECRET })).headers.getSetCookie()[0].split(';')[0]
    expect(await pass(A)).toMatch(/^sc_presenter=.+/)
    expect(new Set(await Promise.all(procs.map(pass))).size).toBe(1)

    const room = await store!.createRoom(roomSecretHash('room-secret-Potoroo-5'))
    const prefix = `/api/session/rooms/${room.code}/`
    const inRoom = await identity(C.url, prefix)
    expect((await call(A.url, `${prefix}answer`, { json: { poll: 'distillation', value: 1 }, cookie: inRoom.cookie })).status).toBe(200)
    expect((await call(B.url, `${prefix}state`, { cookie: inRoom.cookie })).body.mine.distillation).toBe(1)
    expect((await store!.room(room.code).mine('distillation', 1, inRoom.id))?.value).toBe(1)
    // and the default room's answers on the database are untouched by it
    expect(await store!.room(home).mine('distillation', 1, inRoom.id)).toBeNull()
  })

  it("a room's secret and cookies control nothing of another room on another process; a room's pushes stay in it", async () => {
    const [A, B, C] = procs
    const secret = { X: 'room-X-secret-Quokka-31', Y: 'room-Y-secret-Dunnart-47' }
    const X = (await store!.createRoom(roomSecretHash(secret.X))).code
    const Y = (await store!.createRoom(roomSecretHash(secret.Y))).code
    const path = (code: string) => `/api/session/rooms/${code}/`
    const lock = (base: string, code: string | null, s: string) =>
      call(base, `${code ? path(code) : '/api/session/'}control`, { json: { action: 'lock', poll: 'sparsity' }, secret: s })
    const phase = async (code: string) => (await store!.room(code).current('sparsity')).phase

    const onY = follow(2, `${path(Y)}events`)
    const onX = follow(2, `${path(X)}events`)
    await Promise.all([onY.until(() => true, "room Y's first snapshot"), onX.until(() => true, "room X's first snapshot")])

    expect((await lock(B.url, Y, secret.X)).status).toBe(401) // X's secret, Y's path, another process
    expect((await lock(A.url, null, secret.X)).status).toBe(401) // nor the default room
    expect((await lock(C.url, X, SECRET)).status).toBe(401) // the default room's secret in room X
    expect((await lock(B.url, X, secret.Y)).status).toBe(401)
    expect(await phase(Y)).toBe('open')
    expect(await phase(X)).toBe('open')
    expect(await phase(home)).toBe('open')

    const xStudent = await identity(A.url, path(X))
    expect((await call(B.url, `${path(Y)}answer`, { json: { poll: 'sparsity', value: 1 }, cookie: xStudent.cookie })).status).toBe(401)
    expect((await call(C.url, '/api/session/answer', { json: { poll: 'sparsity', value: 1 }, cookie: xStudent.cookie })).status).toBe(401)
    expect(await store!.room(Y).count('sparsity', 1)).toBe(0)

    // X's own secret locks X through B; C's stream of X sees it, and Y's stays open after it did
    expect((await lock(B.url, X, secret.X)).status).toBe(200)
    await onX.until((s) => s.polls.sparsity.phase === 'locked', 'X locked through B, on C')
    expect(onY.snapshots.every((s) => s.room === Y && s.polls.sparsity.phase === 'open')).toBe(true)
    expect(await phase(Y)).toBe('open')

    // a room closed on the database (here by another client of it) ends its streams on every process: 410 from then on
    await store!.closeRoom(X)
    const t0 = Date.now()
    while (!onX.statuses.includes(410)) {
      if (Date.now() - t0 > BOUND_MS * 2) throw new Error(`the stream of closed room X did not end with 410: ${onX.statuses}`)
      await new Promise((ok) => setTimeout(ok, 20))
    }
    expect(onY.statuses.at(-1)).toBe(200)
  }, 30_000)

  it("a store hears the other stores' committed changes, not its own, and after its LISTEN connection drops it reconnects and asks for a re-read", async () => {
    const other = await PgSessionStore.open(db.url)
    const heard: RoomChange[] = []
    let resyncs = 0
    const stop = await store!.subscribe({ change: (c) => heard.push(c), resync: () => resyncs++ })
    const until = async (ok: () => boolean, what: string) => {
      const t0 = Date.now()
      while (!ok()) {
        if (Date.now() - t0 > BOUND_MS) throw new Error(`not within ${BOUND_MS} ms: ${what}; heard ${JSON.stringify(heard)}`)
        await new Promise((r) => setTimeout(r, 10))
      }
    }
    try {
      await store!.room(home).setPhase('quantization', 'locked') // its own: its handler pushes those itself
      await other.room(home).setPhase('quantization', 'open')
      await until(() => heard.length > 0, "the other store's phase change")
      expect(heard).toEqual([{ room: home, kind: 'phase', part: 'quantization' }])
      await other.room(home).setPresenter(3, 1)
      await other.room(home).answerBatch([{ poll: 'quantization', voter: 'v-listen', value: 2 }])
      await until(() => heard.length === 3, 'a move and an answer')
      expect(heard.slice(1)).toEqual([{ room: home, kind: 'presenter', part: '' }, { room: home, kind: 'count', part: 'quantization' }])

      // the database ends the LISTEN connections (as a restart or a network cut would): the store's, and the service
      // processes' too (the kill test below runs on processes that came back by themselves)
      const admin = new pg.Client({ connectionString: db.url })
      await admin.connect()
      try {
        const { rows } = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'silicon-contract-listen' AND datname = current_database()")
        expect(rows.length).toBe(PROCESSES + 1)
      } finally { await admin.end() }
      await until(() => resyncs >= 1, 'a re-read after the reconnection')
      await other.room(home).setPhase('quantization', 'locked')
      await until(() => heard.length === 4, 'a change after the reconnection')
      expect(heard[3]).toEqual({ room: home, kind: 'phase', part: 'quantization' })

      // a room closed by the expiry rule on another process is heard as closed too, so every process ends its streams
      const idle = await other.createRoom(null, 0)
      expect(await other.closeIdleRooms(1, home)).toEqual([idle.code])
      await until(() => heard.length === 5, "the other store's expiry")
      expect(heard[4]).toEqual({ room: idle.code, kind: 'closed', part: '' })
    } finally {
      stop()
      await other.close()
    }
  })

  it('kill -9 of one process mid-burst: every acknowledged answer is counted; its students retry and their streams catch up elsewhere', async () => {
    const N = 240
    const poll = 'distillation'
    const students = await Promise.all(Array.from({ length: N }, async (_, i) => {
      const at = i % PROCESSES
      const who = await identity(procs[at].url)
      return { i, at, ...who, stream: follow(at, '/api/session/events', who.cookie), moved: false }
    }))
    await Promise.all(students.map((s) => s.stream.until(() => true, 'the first snapshot', BOUND_MS * 5)))
    const before = await store!.room(home).count(poll, 1) // the identity test answered once already
    const acked = new Map<string, number>()
    const refused: string[] = []
    // every student answers once within 1.5 s; a failed request (its process is gone) goes to the next process
    const answer = async (s: typeof students[number]) => {
      await new Promise((ok) => setTimeout(ok, Math.random() * 1500))
      const value = s.i % 4
      for (let attempt = 0; attempt < 12; attempt++) {
        try {
          const r = await call(procs[s.at].url, '/api/session/answer', { json: { poll, value }, cookie: s.cookie })
          if (r.status === 200) { acked.set(s.id, value); return }
          if (r.status < 500) { refused.push(`${r.status} ${JSON.stringify(r.body)}`); return }
        } catch { /* refused or reset: the process is gone */ }
        s.at = (s.at + 1) % PROCESSES
        s.moved = true
        await new Promise((ok) => setTimeout(ok, 50))
      }
    }
    const burst = Promise.all(students.map(answer))
    const victim = procs[1]
    const deadline = Date.now() + 30_000
    while (acked.size < N / 4 && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 5))
    expect(acked.size).toBeGreaterThanOrEqual(N / 4)
    victim.child.kill('SIGKILL')
    await burst
    await new Promise((ok) => victim.child.signalCode ? ok(null) : victim.child.once('exit', ok))
    expect(victim.child.signalCode).toBe('SIGKILL')

    expect(refused).toEqual([])
    expect(acked.size).toBe(N) // everyone got through, the killed process's students on another process
    expect(students.filter((s) => s.moved && s.i % PROCESSES === 1).length).toBeGreaterThan(0)
    // read back from the database: every acknowledged answer, with its value
    const stored = new Map((await store!.room(home).rows(poll, 1)).map((r) => [r.voter, r.value]))
    expect([...acked].filter(([id, v]) => stored.get(id) !== v)).toEqual([])
    expect(stored.size).toBe(before + N)

    // every stream shows the final count by itself, those of the killed process after reconnecting to another
    await Promise.all(students.map((s) => s.stream.until((x) => x.polls[poll].count === stored.size, `the final count ${stored.size}`, BOUND_MS * 2)))
    for (const s of students.filter((x) => x.i % PROCESSES === 1)) {
      await s.stream.connections(2)
      expect(s.stream.connectedTo.at(-1)).not.toBe(1)
    }
    // and a lock made through a live process afterwards reaches all of them
    expect((await call(procs[0].url, '/api/session/control', { json: { action: 'lock', poll }, secret: SECRET })).status).toBe(200)
    await Promise.all(students.map((s) => s.stream.until((x) => x.polls[poll].phase === 'locked', 'the lock after the kill')))
  }, 90_000)
})
