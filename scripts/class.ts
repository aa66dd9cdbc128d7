// `CLASS_SECRET=S npm run class [-- --port P] [--host H] [--data DIR] [--rebuild]`: the live class on the local network.
// With DATABASE_URL=postgres://… the class is stored in PostgreSQL instead of SQLite under --data.
// Builds the deck into dist/ if missing (or with --rebuild, after editing slides), serves it (SPA fallback) with the session service on one port,
// prints the student URL with a QR code and the presenter URL. The secret stays in this process's memory.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { networkInterfaces } from 'node:os'
import { join, resolve } from 'node:path'
import qrcode from 'qrcode-terminal'
import { describeSettings, parseServeArgs, UsageError, usage } from '../server/args.ts'
import { startClassServer } from '../server/app.ts'
import { DEFAULT_POLLS } from '../server/defaultPolls.ts'
import { joinLink, presenterLink, spacedRoomCode, studentLink } from '../server/api.ts'
import { lectureBytes, precompress } from '../server/precompress.ts'

function lanAddress(): string {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address
  return '127.0.0.1'
}

/** Files under dir containing `needle` (the secret must never be in a served file). */
function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) hits.push(...filesContaining(p, needle))
    else if (readFileSync(p).includes(needle)) hits.push(p)
  }
  return hits
}

try {
  const a = parseServeArgs(process.argv.slice(2))
  for (const w of a.warnings) console.warn(`warning: ${w}`)
  const dist = resolve(a.staticDir ?? 'dist')
  if (a.rebuild || !existsSync(join(dist, 'index.html'))) {
    console.log(`${a.rebuild ? 'Rebuilding' : `No built deck in ${dist}: building`} the deck (npx slidev build --out ${dist}) …`)
    const r = spawnSync('npx', ['slidev', 'build', '--out', dist], { stdio: 'inherit' })
    if (r.status !== 0) throw new Error('the deck build failed; see the output above')
  }
  const wrote = precompress(dist)
  const bytes = lectureBytes(dist)
  const leaks = filesContaining(dist, a.secret)
  if (leaks.length) throw new Error(`the secret appears in served files (${leaks.join(', ')}); choose another secret`)
  const s = await startClassServer({ ...a, staticDir: dist, polls: DEFAULT_POLLS })
  const host = a.host === '0.0.0.0' || a.host === '::' ? lanAddress() : a.host
  const port = new URL(s.url).port
  // the one room of this class (the service's default room, kept in the data folder): its code is read aloud or typed at /join
  const room = s.handler.defaultRoom
  const root = `http://${host}:${port}/`
  const student = studentLink(root, room)
  console.log(`\nThe Silicon Contract — live class (answers stored in ${s.store.where})`)
  console.log(`Deck: ${bytes.files} files; a student downloads ${(bytes.brotli / 1e6).toFixed(2)} MB for the whole lecture (brotli; ${(bytes.raw / 1e6).toFixed(2)} MB uncompressed)${wrote ? `, ${wrote} files compressed now` : ''}\n`)
  console.log(`Students: ${student}   (or room code ${spacedRoomCode(room)} at ${joinLink(root)})`)
  qrcode.generate(student, { small: true })
  console.log(`Presenter: ${presenterLink(root, room)}  (type the secret once in the form at the bottom left of any slide; press ▶ on the timer)`)
  for (const line of describeSettings(a)) console.log(line)
  console.log(`Stop with Ctrl+C; every acknowledged answer is already on disk (${s.store.kind === 'postgres' ? 'committed in PostgreSQL' : 'SQLite, synchronous=FULL'}).\n`)
  const stop = () => s.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
} catch (e) {
  console.error(`error: ${(e as Error).message}`)
  if (e instanceof UsageError) console.error(`${usage('class')}\n(e.g. CLASS_SECRET=my-class-secret npm run class)`)
  process.exit(2)
}
