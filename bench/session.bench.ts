// `npm run bench:session [-- --students N] [--rooms R] [--processes P]`: N simulated students (default 300), spread over
// R rooms (default 1), join the class (an identity and the event stream each, as their decks do while following the
// lecture), then all answer a lock within one second; a third change their mind; all retry on failure. Latency is
// measured on the answers only. Prints acknowledged and lost answers, p50/p95 acknowledgement latency, the service's
// own time per answer (its `Server-Timing` header) with p50/p95, its CPU per answer, and how long after the last
// acknowledgement every stream showed its room's final count.
//
// Without --processes: one service process (server/cli.ts) on a temporary SQLite data dir with real fsyncs.
// With --processes P (issue 20 item 5): P service processes over one PostgreSQL database (a new one on the server of
// TEST_DATABASE_URL or DATABASE_URL, dropped after), and in the same run one process over another new database, for
// the single-process figure beside it. A student sends its requests to process i % P and holds its event stream on
// process (i + 1) % P, so every push it sees crossed processes (NOTIFY/LISTEN) when P > 1.
// Each room is a lecture hall behind one NAT: its students come from one address of their own (127.0.<room>.1, all
// loopback on Linux), so the per-address limits apply per room as in a building of several halls.
//
// Each student is a browser: one keep-alive connection for its requests (warmed by the identity request, as a
// loaded deck's is) and one for its event stream. The client uses node:http rather than fetch: in a profile of
// 1,000 students, fetch (undici) spent more CPU than the service itself — connecting a pool per request and
// building web streams — and on a 2-core machine that time showed up as the service's latency.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import type { IncomingMessage } from 'node:http'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { operatorPath, roomPrefix } from '../server/api.ts'
import { DEFAULT_POLLS } from '../server/defaultPolls.ts'
import { DEFAULT_LIMITS } from '../server/identity.ts'

const { values: opt } = parseArgs({ options: { students: { type: 'string', default: '300' }, rooms: { type: 'string', default: '1' }, processes: { type: 'string' } } })
const N = Number(opt.students)
const R = Number(opt.rooms)
const P = opt.processes === undefined ? null : Number(opt.processes)
if (!Number.isInteger(N) || N < 1 || N > 5000) throw new Error('--students must be an integer 1..5000')
if (!Number.isInteger(R) || R < 1 || R > 250) throw new Error('--rooms must be an integer 1..250')
if (P !== null && (!Number.isInteger(P) || P < 1 || P > 16)) throw new Error('--processes must be an integer 1..16')
// a room's students share one address, and one process takes at most this many new identities per address per minute
if (Math.ceil(N / R) > DEFAULT_LIMITS.identitiesPerMinute)
  throw new Error(`${Math.ceil(N / R)} students in a room behind one address: more than the service lets one address join per minute (${DEFAULT_LIMITS.identitiesPerMinute}); use more --rooms`)
const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL
if (P !== null && !serverUrl) {
  console.error('--processes runs the service over PostgreSQL: set TEST_DATABASE_URL (or DATABASE_URL) to a server where the bench may create and drop a database, e.g. TEST_DATABASE_URL=$(bash scripts/pg-test-cluster.sh start)')
  process.exit(2)
}
const SECRET = 'bench-' + randomBytes(9).toString('base64url')
const OPERATOR_TOKEN = randomBytes(24).toString('base64url')
const poll = Object.values(DEFAULT_POLLS).find((d) => d.kind === 'choice')!.id

// everything this bench starts goes with it, whatever happens
const children: ChildProcess[] = []
const cleanups: (() => Promise<void> | void)[] = []
process.on('exit', () => { for (const c of children) c.kill('SIGKILL') })

/** One service process (node --import tsx server/cli.ts, as `npm run serve` runs it); resolves with its URL. */
function startService(store: { databaseUrl?: string; dataDir?: string }): Promise<{ child: ChildProcess; base: URL }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CLASS_SECRET: SECRET, OPERATOR_TOKEN }
  delete env.DATABASE_URL
  if (store.databaseUrl) env.DATABASE_URL = store.databaseUrl
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', '0', '--host', '127.0.0.1', ...(store.dataDir ? ['--data', store.dataDir] : [])],
    { stdio: ['ignore', 'pipe', 'inherit'], env })
  children.push(child)
  return new Promise((ok, fail) => {
    let out = ''
    child.stdout!.on('data', (d) => {
      out += d
      const m = out.match(/on (http:\/\/\S+?)\/api/)
      if (m) ok({ child, base: new URL(m[1]) })
    })
    child.on('exit', (c) => fail(new Error(`server exited (${c})`)))
  })
}

/** A new database on the PostgreSQL server of `url`, dropped when the bench ends. */
async function newDatabase(url: string): Promise<string> {
  const name = `sc_bench_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try { await admin.query(`CREATE DATABASE ${name}`) } finally { await admin.end() }
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    try { await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) } finally { await c.end() }
  })
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

interface Reply { status: number; headers: IncomingMessage['headers']; body: string }
interface CallOpts { body?: unknown; cookie?: string; secret?: string; timeoutMs?: number; localAddress?: string; method?: string }
/** One HTTP request on the given agent's connection; resolves when the whole response has arrived. */
function call(base: URL, agent: Agent | undefined, path: string, opts: CallOpts = {}): Promise<Reply> {
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body)
  return new Promise((ok, fail) => {
    const req = request({ host: base.hostname, port: base.port, method: opts.method ?? (body ? 'POST' : 'GET'), path, agent, localAddress: agent ? undefined : opts.localAddress,
      timeout: opts.timeoutMs ?? 5000, headers: {
        ...(body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}),
        ...(opts.cookie ? { Cookie: opts.cookie } : {}), ...(opts.secret ? { Authorization: `Bearer ${opts.secret}` } : {}),
      } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => { text += c })
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
      res.on('error', fail)
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', fail)
    req.end(body)
  })
}
/** The `dur` of each named metric in a Server-Timing header, e.g. "parse;dur=0.1, commit;dur=0.3". */
function serverTiming(h: string | string[] | undefined): Map<string, number> {
  const m = new Map<string, number>()
  for (const part of String(h ?? '').split(',')) {
    const [name, ...params] = part.trim().split(';')
    const dur = params.map((p) => p.trim().split('=')).find(([k]) => k === 'dur')
    if (name && dur) m.set(name, Number(dur[1]))
  }
  return m
}
/** A process's CPU time so far, ms (Linux /proc; null elsewhere). */
function cpuMs(pid: number | undefined): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100 // utime + stime, in clock ticks of 1/100 s
  } catch { return null }
}
/** The PostgreSQL server's own processes (its postmaster and every backend), when it runs on this machine: their CPU is
 *  the database's share of the service's work. Found from its data directory's postmaster.pid; empty when not local. */
async function postgresPids(url: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    const dir = (await c.query<{ d: string }>('SELECT current_setting(\'data_directory\') AS d')).rows[0].d
    const postmaster = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0])
    const pids = [postmaster]
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue
      try { if (Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === postmaster) pids.push(Number(d)) } catch { /* gone */ }
    }
    return pids
  } catch { return [] } finally { await c.end() }
}

const JOINING = 100
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN

interface Room { code: string; secret: string; prefix: string; address: string }
interface Result {
  label: string
  joinMs: number
  sent: number
  acked: number
  retries: number
  failed: number
  lost: number
  stored: number
  latencies: number[]
  serviceMs: number[]
  cpuMs: number | null
  /** the local PostgreSQL server's CPU over the same time; null when it is not on this machine or not used */
  dbCpuMs: number | null
  /** the bench's own event-loop delay while the students answered: client-side queueing inside the ack latency */
  clientLoopMs: { p50: number; p99: number }
  elapsedMs: number
  /** ms from the last acknowledgement until every stream showed its room's final count; null: not all within 10 s */
  fanoutMs: number | null
  behind: number
}

/** One class of N students in R rooms on the given service processes: join, answer within a second, check the store. */
async function runClass(label: string, procs: { child: ChildProcess; base: URL }[], databaseUrl?: string): Promise<Result> {
  const first = procs[0].base
  const rooms: Room[] = []
  for (let r = 0; r < R; r++) {
    const made = await call(first, undefined, operatorPath('createRoom'), { method: 'POST', secret: OPERATOR_TOKEN })
    if (made.status !== 201) throw new Error(`could not create a room: ${made.status} ${made.body}`)
    const { code, secret } = JSON.parse(made.body) as { code: string; secret: string }
    rooms.push({ code, secret, prefix: roomPrefix(code), address: `127.0.${1 + r}.1` })
  }

  const latencies: number[] = []
  const serviceMs: number[] = []
  let sent = 0, acked = 0, retries = 0, failed = 0
  /** per room, each voter's last acknowledged answer */
  const finalAnswer = new Map(rooms.map((r) => [r.code, new Map<string, number>()]))
  let lastAck = 0

  interface Student { i: number; room: Room; base: URL; agent: Agent; cookie: string; voter: string; stream: IncomingMessage; seen: number }
  async function answer(s: Student, value: number): Promise<boolean> {
    for (let attempt = 0; attempt < 6; attempt++) {
      sent++
      const t0 = performance.now()
      try {
        // no client timeout short of a minute, as the deck's fetch has none: a request the client gave up on could still
        // commit after the student's next answer and replace it (the service keeps the last commit), which would
        // count here as lost although the service lost nothing
        const r = await call(s.base, s.agent, `${s.room.prefix}answer`, { body: { poll, value }, cookie: s.cookie, timeoutMs: 60_000 })
        if (r.status === 200) {
          lastAck = performance.now()
          latencies.push(lastAck - t0)
          const t = serverTiming(r.headers['server-timing'])
          if (t.has('total')) serviceMs.push(t.get('total')!)
          acked++
          return true
        }
        if (r.status < 500) throw new Error(`refused: ${r.status} ${r.body}`)
      } catch (e) {
        if ((e as Error).message.startsWith('refused')) throw e
      }
      retries++
      await new Promise((ok) => setTimeout(ok, 50 * 2 ** attempt))
    }
    failed++
    return false
  }

  /** A student opens the deck: an identity from its process, then the event stream on the next process. */
  async function joinClass(i: number): Promise<Student> {
    const room = rooms[i % R]
    const base = procs[i % procs.length].base
    const agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress: room.address })
    const r = await call(base, agent, `${room.prefix}identity`, { timeoutMs: 30_000 })
    if (r.status !== 200) throw new Error(`identity refused: ${r.status} ${r.body}`)
    const cookie = String(r.headers['set-cookie']?.find((c) => c.startsWith('sc_voter='))).split(';')[0]
    const voter = cookie.slice('sc_voter='.length).split('.')[0]
    const streamAt = procs[(i + 1) % procs.length].base
    const s = { i, room, base, agent, cookie, voter, seen: -1 } as Student
    s.stream = await new Promise<IncomingMessage>((ok, fail) => {
      request({ host: streamAt.hostname, port: streamAt.port, path: `${room.prefix}events`, headers: { Cookie: cookie }, localAddress: room.address }, (res) => {
        if (res.statusCode !== 200) return fail(new Error(`event stream refused: ${res.statusCode}`))
        let buf = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => {
          // a deck would parse every snapshot; the bench reads only the newest whole one of each chunk: the poll's count
          buf += c
          const end = buf.lastIndexOf('\n\n')
          if (end < 0) return
          const lines = buf.slice(0, end).split('\n')
          const data = lines[lines.map((l) => l.startsWith('data: ')).lastIndexOf(true)]
          buf = buf.slice(end + 2)
          if (data) s.seen = JSON.parse(data.slice(6)).polls[poll].count
        })
        ok(res)
      }).on('error', fail).end()
    })
    return s
  }
  /** Within one second of the lock opening, the student answers (a third first give another answer, then change it). */
  async function vote(s: Student): Promise<void> {
    await new Promise((ok) => setTimeout(ok, Math.random() * 1000))
    const value = s.i % 4
    if (s.i % 3 === 0) await answer(s, (value + 1) % 4) // changes their mind below
    if (await answer(s, value)) finalAnswer.get(s.room.code)!.set(s.voter, value)
  }
  const cpu = () => procs.reduce<number | null>((sum, p) => { const c = cpuMs(p.child.pid); return sum === null || c === null ? null : sum + c }, 0)

  // a class joins over a minute or so, not in one millisecond: at most JOINING students open the deck at a time, so the
  // join of thousands on a loaded 2-core machine does not time out (the answers are what is measured)
  const tJoin = performance.now()
  const students: Student[] = []
  let nextJoin = 0
  await Promise.all(Array.from({ length: Math.min(JOINING, N) }, async () => {
    while (nextJoin < N) { const i = nextJoin++; students[i] = await joinClass(i) }
  }))
  const joinMs = performance.now() - tJoin
  await new Promise((ok) => setTimeout(ok, 500)) // the room settles: every deck has its first snapshot
  // the database's processes, found now that every service process holds its connections
  const dbPids = databaseUrl ? await postgresPids(databaseUrl) : []
  const dbCpu = () => dbPids.reduce((sum, pid) => sum + (cpuMs(pid) ?? 0), 0)
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  const cpu0 = cpu()
  const db0 = dbCpu()
  const t0 = performance.now()
  await Promise.all(students.map(vote))
  const elapsedMs = performance.now() - t0
  const cpu1 = cpu()
  const db1 = dbCpu()
  loop.disable()

  // the store's word: each room's answers, locked first so nothing changes while they are read
  let lost = 0, stored = 0
  const finalCount = new Map<string, number>()
  for (const room of rooms) {
    await call(first, undefined, `${room.prefix}control`, { body: { action: 'lock', poll }, secret: room.secret })
    const exp = JSON.parse((await call(first, undefined, `${room.prefix}export?poll=${poll}`, { secret: room.secret })).body) as { answers: { voter: string; value: number }[] }
    const have = new Map(exp.answers.map((a) => [a.voter, a.value]))
    stored += have.size
    finalCount.set(room.code, have.size)
    for (const [voter, v] of finalAnswer.get(room.code)!) if (have.get(voter) !== v) lost++
  }
  // fan-out: every stream shows its room's final count (pushed by whichever process holds it)
  const behind = () => students.filter((s) => s.seen !== finalCount.get(s.room.code)).length
  const deadline = performance.now() + 10_000
  while (behind() && performance.now() < deadline) await new Promise((ok) => setTimeout(ok, 5))
  const fanoutMs = behind() ? null : performance.now() - lastAck
  const left = behind()
  for (const s of students) { s.stream.destroy(); s.agent.destroy() }
  const used = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null
  return { label, joinMs, sent, acked, retries, failed, lost, stored, latencies, serviceMs, cpuMs: used, dbCpuMs: dbPids.length ? db1 - db0 : null,
    clientLoopMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6 }, elapsedMs, fanoutMs, behind: left }
}

function report(r: Result): void {
  console.log(`\n${r.label}`)
  console.log(`  students: ${N} in ${R} room(s) joined (identity + event stream each) in ${(r.joinMs / 1000).toFixed(2)} s; then all answer within 1 s, a third changing their answer once`)
  console.log(`  answers sent: ${r.sent}  acknowledged: ${r.acked}  retries: ${r.retries}  gave up: ${r.failed}`)
  console.log(`  answers lost: ${r.lost}  (acknowledged final answers missing from the store; must be 0)`)
  console.log(`  stored voters: ${r.stored} of ${N}`)
  console.log(`  ack latency ms (client): p50 ${pct(r.latencies, 0.5).toFixed(1)}  p95 ${pct(r.latencies, 0.95).toFixed(1)}  max ${Math.max(...r.latencies).toFixed(1)}`)
  console.log(`  service time per answer ms (Server-Timing: parse + share of its group commit + reply): p50 ${pct(r.serviceMs, 0.5).toFixed(2)}  p95 ${pct(r.serviceMs, 0.95).toFixed(2)}  max ${Math.max(...r.serviceMs).toFixed(2)}`)
  if (r.cpuMs !== null)
    console.log(`  service CPU (all its processes) during the answers: ${r.cpuMs.toFixed(0)} ms for ${r.acked} answers and their pushes to ${N} streams = ${(r.cpuMs / r.acked).toFixed(2)} ms per answer, everything included`)
  if (r.dbCpuMs !== null)
    console.log(`  PostgreSQL CPU (its local processes) meanwhile: ${r.dbCpuMs.toFixed(0)} ms = ${(r.dbCpuMs / r.acked).toFixed(2)} ms per answer`)
  console.log(`  the bench client's own event-loop delay meanwhile ms: p50 ${r.clientLoopMs.p50.toFixed(1)}  p99 ${r.clientLoopMs.p99.toFixed(1)} (queueing on the client's side, inside the ack latency)`)
  console.log(`  every stream showed its room's final count ${r.fanoutMs === null ? `NOT within 10 s (${r.behind} behind)` : `${r.fanoutMs.toFixed(0)} ms after the last acknowledgement`}`)
  console.log(`  answering wall time: ${(r.elapsedMs / 1000).toFixed(2)} s`)
}

const results: Result[] = []
try {
  if (P === null) {
    const dataDir = mkdtempSync(join(tmpdir(), 'session-bench-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const one = await startService({ dataDir })
    results.push(await runClass('1 process, SQLite', [one]))
    one.child.kill('SIGTERM')
  } else {
    for (const n of P > 1 ? [1, P] : [1]) {
      const databaseUrl = await newDatabase(serverUrl!)
      const procs = []
      for (let k = 0; k < n; k++) procs.push(await startService({ databaseUrl }))
      results.push(await runClass(`${n} process${n > 1 ? 'es' : ''}, PostgreSQL (${new URL(serverUrl!).host})`, procs, databaseUrl))
      for (const p of procs) p.child.kill('SIGTERM')
      await Promise.all(procs.map((p) => new Promise((ok) => p.child.exitCode !== null ? ok(null) : p.child.once('exit', ok))))
    }
  }
} finally {
  for (const c of children) c.kill('SIGKILL') // before their database is dropped under them (a failed run)
  for (const c of cleanups.reverse()) await c()
}
for (const r of results) report(r)
console.log(`\nmachine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} (service, PostgreSQL, clients and anything else share them)`)
process.exit(results.every((r) => r.lost === 0 && r.failed === 0) ? 0 : 1)
