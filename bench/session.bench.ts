// `npm run bench:session [-- --students N]`: N simulated students (default 300) join the class (an identity and the
// event stream each, as their decks do while following the lecture), then all answer a lock within one second; a
// third change their mind; all retry on failure. Latency is measured on the answers only. The service runs
// as its own process (server/cli.ts) on a temporary data dir with real fsyncs. Prints acknowledged and lost answers,
// p50/p95 acknowledgement latency, and the service's own time per answer (its `Server-Timing` header) with p50/p95.
//
// Each student is a browser: one keep-alive connection for its requests (warmed by the identity request, as a
// loaded deck's is) and one for its event stream. The client uses node:http rather than fetch: in a profile of
// 1,000 students, fetch (undici) spent more CPU than the service itself — connecting a pool per request and
// building web streams — and on a 2-core machine that time showed up as the service's latency.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import type { IncomingMessage } from 'node:http'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_POLLS } from '../server/defaultPolls.ts'

const { values: opt } = parseArgs({ options: { students: { type: 'string', default: '300' } } })
const N = Number(opt.students)
if (!Number.isInteger(N) || N < 1 || N > 5000) throw new Error('--students must be an integer 1..5000')
const SECRET = 'bench-' + Math.random().toString(36).slice(2)
const poll = Object.values(DEFAULT_POLLS).find((d) => d.kind === 'choice')!.id
const dataDir = mkdtempSync(join(tmpdir(), 'session-bench-'))

const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', '0', '--host', '127.0.0.1', '--data', dataDir],
  { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CLASS_SECRET: SECRET } })
// whatever happens below, the service process goes with this one
process.on('exit', () => child.kill('SIGKILL'))
const base: URL = await new Promise((ok, fail) => {
  let out = ''
  child.stdout!.on('data', (d) => {
    out += d
    const m = out.match(/on (http:\/\/\S+?)\/api/)
    if (m) ok(new URL(m[1]))
  })
  child.on('exit', (c) => fail(new Error(`server exited (${c})`)))
})

interface Reply { status: number; headers: IncomingMessage['headers']; body: string }
/** One HTTP request on the given agent's connection; resolves when the whole response has arrived. */
function call(agent: Agent | undefined, method: string, path: string, opts: { body?: unknown; cookie?: string; secret?: string; timeoutMs?: number } = {}): Promise<Reply> {
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body)
  return new Promise((ok, fail) => {
    const req = request({ host: base.hostname, port: base.port, method, path, agent, timeout: opts.timeoutMs ?? 5000, headers: {
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

const latencies: number[] = []
const serviceMs: number[] = []
let sent = 0, acked = 0, retries = 0, failed = 0
const finalAnswer = new Map<string, number>()

async function answer(agent: Agent, cookie: string, value: number): Promise<boolean> {
  for (let attempt = 0; attempt < 6; attempt++) {
    sent++
    const t0 = performance.now()
    try {
      const r = await call(agent, 'POST', '/api/session/answer', { body: { poll, value }, cookie })
      if (r.status === 200) {
        latencies.push(performance.now() - t0)
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

const streams: IncomingMessage[] = []
const agents: Agent[] = []
interface Student { i: number; agent: Agent; cookie: string; voter: string }
/** A student opens the deck: an identity, then the event stream, as a class does before the lock opens. */
async function joinClass(i: number): Promise<Student> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  agents.push(agent)
  const r = await call(agent, 'GET', '/api/session/identity')
  const cookie = String(r.headers['set-cookie']?.find((c) => c.startsWith('sc_voter='))).split(';')[0]
  const voter = cookie.slice('sc_voter='.length).split('.')[0]
  await new Promise<void>((ok, fail) => {
    request({ host: base.hostname, port: base.port, path: '/api/session/events', headers: { Cookie: cookie } }, (res) => {
      streams.push(res)
      res.on('data', () => { /* a deck would parse the snapshot; the bench only drains */ })
      ok()
    }).on('error', fail).end()
  })
  return { i, agent, cookie, voter }
}
/** Within one second of the lock opening, the student answers (a third first give another answer, then change it). */
async function vote({ i, agent, cookie, voter }: Student): Promise<void> {
  await new Promise((ok) => setTimeout(ok, Math.random() * 1000))
  const value = i % 4
  if (i % 3 === 0) await answer(agent, cookie, (value + 1) % 4) // changes their mind below
  if (await answer(agent, cookie, value)) finalAnswer.set(voter, value)
}

/** The service process's CPU time so far, ms (Linux /proc; null elsewhere). */
function serverCpuMs(): number | null {
  try {
    const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100 // utime + stime, in clock ticks of 1/100 s
  } catch { return null }
}
const tJoin = performance.now()
const room = await Promise.all(Array.from({ length: N }, (_, i) => joinClass(i)))
const joinMs = performance.now() - tJoin
await new Promise((ok) => setTimeout(ok, 500)) // the room settles: every deck has its first snapshot
const cpu0 = serverCpuMs()
const t0 = performance.now()
await Promise.all(room.map(vote))
const elapsed = performance.now() - t0
const cpu1 = serverCpuMs()
await call(undefined, 'POST', '/api/session/control', { body: { action: 'lock', poll }, secret: SECRET })
const exp = JSON.parse((await call(undefined, 'GET', `/api/session/export?poll=${poll}`, { secret: SECRET })).body) as { answers: { voter: string; value: number }[] }
const stored = new Map(exp.answers.map((a) => [a.voter, a.value]))
const lost = [...finalAnswer].filter(([v, x]) => stored.get(v) !== x).length
for (const s of streams) s.destroy()
for (const a of agents) a.destroy()
child.kill('SIGTERM')
rmSync(dataDir, { recursive: true, force: true })

const pct = (xs: number[], p: number) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN
console.log(`students: ${N} joined (identity + event stream each) in ${(joinMs / 1000).toFixed(2)} s; then all answer within 1 s, a third changing their answer once`)
console.log(`answers sent: ${sent}  acknowledged: ${acked}  retries: ${retries}  gave up: ${failed}`)
console.log(`answers lost: ${lost}  (acknowledged final answers missing from the store; must be 0)`)
console.log(`stored voters: ${stored.size} of ${N}`)
console.log(`ack latency ms (client): p50 ${pct(latencies, 0.5).toFixed(1)}  p95 ${pct(latencies, 0.95).toFixed(1)}  max ${latencies.at(-1)?.toFixed(1)}`)
console.log(`service time per answer ms (Server-Timing: parse + share of its group commit + reply): p50 ${pct(serviceMs, 0.5).toFixed(2)}  p95 ${pct(serviceMs, 0.95).toFixed(2)}  max ${serviceMs.at(-1)?.toFixed(2)}`)
if (cpu0 !== null && cpu1 !== null)
  console.log(`service CPU (process) during the answers: ${(cpu1 - cpu0).toFixed(0)} ms for ${acked} answers and their pushes to ${N} streams = ${((cpu1 - cpu0) / acked).toFixed(2)} ms per answer, everything included`)
console.log(`answering wall time: ${(elapsed / 1000).toFixed(2)} s  (machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} — service, clients and anything else share them)`)
process.exit(lost === 0 && failed === 0 ? 0 : 1)
