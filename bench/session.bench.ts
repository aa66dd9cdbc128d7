// `npm run bench:session [-- --students N]`: N simulated students (default 300) open the event stream,
// answer a lock, some change their mind, all retry on failure. The service runs as its own process
// (server/cli.ts) on a temporary data dir with real fsyncs. Prints acknowledged and lost answers and
// p50/p95 acknowledgement latency.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
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
const base: string = await new Promise((ok, fail) => {
  let out = ''
  child.stdout!.on('data', (d) => { out += d; const m = out.match(/on (http:\/\/\S+?)\/api/); if (m) ok(m[1]) })
  child.on('exit', (c) => fail(new Error(`server exited (${c})`)))
})

const json = (body: unknown, secret?: string, cookie?: string) => ({
  method: 'POST', body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', ...(secret ? { Authorization: `Bearer ${secret}` } : {}), ...(cookie ? { Cookie: cookie } : {}) },
})
/** A student's browser asks the service for its identity once (an HttpOnly cookie): id and cookie header. */
async function identity(): Promise<{ id: string; cookie: string }> {
  const r = await fetch(`${base}/api/session/identity`)
  await r.text()
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('sc_voter='))!.split(';')[0]
  return { id: cookie.slice('sc_voter='.length).split('.')[0], cookie }
}
const latencies: number[] = []
let sent = 0, acked = 0, retries = 0, failed = 0
const finalAnswer = new Map<string, number>()

async function answer(cookie: string, value: number): Promise<boolean> {
  for (let attempt = 0; attempt < 6; attempt++) {
    sent++
    const t0 = performance.now()
    try {
      const r = await fetch(`${base}/api/session/answer`, { ...json({ poll, value }, undefined, cookie), signal: AbortSignal.timeout(5000) })
      await r.text()
      if (r.status === 200) { latencies.push(performance.now() - t0); acked++; return true }
      if (r.status < 500) throw new Error(`refused: ${r.status}`)
    } catch (e) {
      if ((e as Error).message.startsWith('refused')) throw e
    }
    retries++
    await new Promise((ok) => setTimeout(ok, 50 * 2 ** attempt))
  }
  failed++
  return false
}

const streams: AbortController[] = []
async function student(i: number): Promise<void> {
  const { id: voter, cookie } = await identity()
  const ctrl = new AbortController()
  streams.push(ctrl)
  fetch(`${base}/api/session/events`, { signal: ctrl.signal }).then(async (r) => { for await (const _ of r.body!) { /* drain */ } }).catch(() => {})
  await new Promise((ok) => setTimeout(ok, Math.random() * 1000))
  const value = i % 4
  if (i % 3 === 0 && await answer(cookie, (value + 1) % 4)) { /* changed their mind below */ }
  if (await answer(cookie, value)) finalAnswer.set(voter, value)
}

/** The service process's CPU time so far, ms (Linux /proc; null elsewhere). */
function serverCpuMs(): number | null {
  try {
    const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100 // utime + stime, in clock ticks of 1/100 s
  } catch { return null }
}
const cpu0 = serverCpuMs()
const t0 = performance.now()
await Promise.all(Array.from({ length: N }, (_, i) => student(i)))
const elapsed = performance.now() - t0
const cpu1 = serverCpuMs()
await fetch(`${base}/api/session/control`, json({ action: 'lock', poll }, SECRET))
const exp = await (await fetch(`${base}/api/session/export?poll=${poll}`, { headers: { Authorization: `Bearer ${SECRET}` } })).json() as { answers: { voter: string; value: number }[] }
const stored = new Map(exp.answers.map((a) => [a.voter, a.value]))
const lost = [...finalAnswer].filter(([v, x]) => stored.get(v) !== x).length
for (const c of streams) c.abort()
child.kill('SIGTERM')
rmSync(dataDir, { recursive: true, force: true })

latencies.sort((a, b) => a - b)
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN
console.log(`students: ${N} (each with an open event stream; a third change their answer once)`)
console.log(`answers sent: ${sent}  acknowledged: ${acked}  retries: ${retries}  gave up: ${failed}`)
console.log(`answers lost: ${lost}  (acknowledged final answers missing from the store; must be 0)`)
console.log(`stored voters: ${stored.size} of ${N}`)
console.log(`ack latency ms: p50 ${pct(0.5).toFixed(1)}  p95 ${pct(0.95).toFixed(1)}  max ${latencies.at(-1)?.toFixed(1)}`)
if (cpu0 !== null && cpu1 !== null)
  console.log(`service CPU: ${(cpu1 - cpu0).toFixed(0)} ms for ${N} identities, ${N} event streams and ${acked} answers = ${((cpu1 - cpu0) / acked).toFixed(2)} ms per answer (all its work included)`)
console.log(`wall time: ${(elapsed / 1000).toFixed(2)} s  (machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} — server, clients and anything else share them)`)
process.exit(lost === 0 && failed === 0 ? 0 : 1)
