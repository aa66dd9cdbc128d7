// The operator's export of a room (issue 20 item 2), on each store: GET /api/session/rooms/<code>/export with the operator
// token gives every poll's rounds with their phases and answer values, the contracts and the game results, as JSON; open
// or closed rooms alike; voters become per-export pseudonyms (no voter id, no secret in it); nothing of another room.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startClassServer, type ClassServer } from '../../server/app.ts'
import { BASELINE_RECIPE, TRACKS, validateRecipe } from '../../engine/index.ts'
import { ROOM_EXPORT_FORMAT, RoomExport } from '../../server/api.ts'
import { TEST_POLLS } from './fixtures/polls.ts'
import { call } from './fixtures/client.ts'
import { describeStores, type StoreLocation } from './fixtures/stores.ts'

const HOME_SECRET = 'export-default-secret-Echidna'
const TOKEN = 'operator-token-Dunnart-0123456789abcdef'
const tiny = () => validateRecipe('tiny', { ...BASELINE_RECIPE, student: TRACKS.tiny.baseline })

describeStores((kind) => {
  let s: ClassServer
  let where: StoreLocation
  const room = { A: { code: '', secret: '' }, B: { code: '', secret: '' } }
  /** identity cookies per (room, student) and the voter ids they carry */
  const jar = new Map<string, string>()
  beforeAll(async () => {
    where = await kind.fresh()
    s = await startClassServer({ secret: HOME_SECRET, polls: TEST_POLLS, dataDir: where.dataDir, databaseUrl: where.databaseUrl, operatorToken: TOKEN, throttleMs: 10 })
    for (const r of ['A', 'B'] as const) room[r] = (await call(s.url, '/api/session/rooms', { method: 'POST', secret: TOKEN })).body
  })
  afterAll(async () => {
    await s?.close()
    await where?.drop()
  })
  const base = (r: 'A' | 'B') => `/api/session/rooms/${room[r].code}/`
  const as = async (r: 'A' | 'B', student: string) => {
    const k = `${r}|${student}`
    if (!jar.has(k)) jar.set(k, (await fetch(s.url + base(r) + 'identity')).headers.getSetCookie()[0].split(';')[0])
    return { Cookie: jar.get(k)! }
  }
  const send = async (r: 'A' | 'B', path: string, json: unknown, student?: string) =>
    call(s.url, base(r) + path, student ? { json, headers: await as(r, student) } : { json, secret: room[r].secret })
  const exportOf = (code: string, secret: string | null = TOKEN) => call(s.url, `/api/session/rooms/${code}/export`, { secret: secret ?? undefined })

  it('a closed room\'s every round, phase and value, its contracts and game results, pseudonymous', async () => {
    // room A: two rounds of the choice poll, one of the number poll, a contract and a game result
    expect((await send('A', 'answer', { poll: 'quantization', value: 2 }, 'ann')).status).toBe(200)
    expect((await send('A', 'answer', { poll: 'quantization', value: 1 }, 'bob')).status).toBe(200)
    await send('A', 'control', { action: 'reveal', poll: 'quantization' })
    await send('A', 'control', { action: 'newRound', poll: 'quantization' })
    expect((await send('A', 'answer', { poll: 'quantization', value: 3 }, 'bob')).status).toBe(200)
    expect((await send('A', 'answer', { poll: 'sparsity', value: 1.5 }, 'ann')).status).toBe(200)
    expect((await send('A', 'contract', { track: 'tiny', recipe: tiny() }, 'bob')).status).toBe(200)
    expect((await send('A', 'game', { track: 'tiny', triesUsed: 4, found: true }, 'bob')).status).toBe(200)
    await send('A', 'control', { action: 'lock', poll: 'contracts' })
    // room B: a student whose rows must not appear in A's export
    expect((await send('B', 'answer', { poll: 'quantization', value: 0 }, 'cat')).status).toBe(200)
    expect((await call(s.url, `/api/session/rooms/${room.A.code}`, { method: 'DELETE', secret: TOKEN })).status).toBe(200)

    const r = await exportOf(room.A.code)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toMatch(/application\/json/)
    expect(r.headers.get('content-disposition')).toContain(`room-${room.A.code}.json`)
    const x = r.body
    expect(x.format).toBe(ROOM_EXPORT_FORMAT)
    expect(RoomExport.strict().safeParse(x).error).toBeUndefined() // the contract's export, and no top-level field it does not declare
    expect(x.room).toMatchObject({ code: room.A.code, default: false })
    expect(x.room.closedAt).toBeGreaterThanOrEqual(x.room.createdAt)
    expect(x.students).toBe(2)
    const q = x.polls.quantization
    expect(q.definition.options).toEqual(TEST_POLLS.quantization.options)
    expect(q.rounds.map((o: { round: number; phase: string }) => [o.round, o.phase])).toEqual([[1, 'revealed'], [2, 'open']])
    // ann answered first, so she is s1 wherever she appears; bob is s2
    expect(q.rounds[0].answers.map((a: { student: string; value: number }) => [a.student, a.value])).toEqual([['s1', 2], ['s2', 1]])
    expect(q.rounds[1].answers.map((a: { student: string; value: number }) => [a.student, a.value])).toEqual([['s2', 3]])
    expect(x.polls.sparsity.rounds[0].answers.map((a: { student: string; value: number }) => [a.student, a.value])).toEqual([['s1', 1.5]])
    expect(x.contracts.phase).toBe('locked')
    expect(x.contracts.contracts).toEqual([{ student: 's2', track: 'tiny', recipe: tiny(), updatedAt: expect.any(Number) }])
    expect(x.contracts.games).toEqual([{ student: 's2', track: 'tiny', triesUsed: 4, found: true, updatedAt: expect.any(Number) }])
    // no voter id (from any room's cookie), no secret, nothing of room B
    for (const cookie of jar.values()) expect(r.text).not.toContain(cookie.split('=')[1].split('.')[0])
    for (const secret of [room.A.secret, room.B.secret, TOKEN, HOME_SECRET]) expect(r.text).not.toContain(secret)
    expect(r.text).not.toContain(room.B.code)
  })

  it('an open room and the default room export too; the pseudonyms are per room', async () => {
    const b = (await exportOf(room.B.code)).body
    expect(b.room.closedAt).toBeNull()
    expect(b.polls.quantization.rounds[0].answers).toEqual([{ student: 's1', value: 0, updatedAt: expect.any(Number) }])
    const home = await exportOf(s.handler.defaultRoom)
    expect(home.status).toBe(200)
    expect(home.body).toMatchObject({ room: { code: s.handler.defaultRoom, default: true }, students: 0, polls: {}, contracts: { contracts: [], games: [] } })
  })

  it('only the operator exports a whole room: no token, a room\'s or the default room\'s secret get 401', async () => {
    for (const secret of [null, room.A.secret, room.B.secret, HOME_SECRET]) {
      const r = await exportOf(room.B.code, secret)
      expect(r.status).toBe(401)
      expect(r.body.error).toMatch(/operator token/)
    }
  })

  it('bad and unknown codes: 400 and 404; the presenter\'s one-poll export (?poll=) is unchanged', async () => {
    expect((await exportOf('12ab')).status).toBe(400)
    // a malformed escape is no room code either (it was a 500 before), on the operator's paths and the rooms' alike
    expect((await exportOf('%E0%A4%A')).status).toBe(400)
    expect((await call(s.url, '/api/session/rooms/%E0%A4%A/state')).status).toBe(400)
    let unused = 0
    while (await s.store.findRoom(String(unused).padStart(6, '0'))) unused++
    const r = await exportOf(String(unused).padStart(6, '0'))
    expect(r.status).toBe(404)
    expect(r.body.error).toMatch(/no room/)
    const one = await call(s.url, `${base('B')}export?poll=quantization`, { secret: room.B.secret })
    expect(one.status).toBe(200)
    expect(one.body.answers).toHaveLength(1)
    expect((await call(s.url, `${base('A')}export?poll=quantization`, { secret: room.A.secret })).status).toBe(410) // closed
  })

  it.runIf(kind.name === 'sqlite')('npm run rooms -- export CODE --out FILE writes the same JSON; a wrong token fails with the service\'s message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-export-'))
    try {
      const file = join(dir, 'a.json')
      const script = join(import.meta.dirname, '../../scripts/rooms.ts')
      const run = (token: string) => promisify(execFile)(process.execPath, ['--import', 'tsx', script, 'export', room.A.code, '--out', file, '--url', s.url],
        { env: { ...process.env, OPERATOR_TOKEN: token } })
      const { stdout } = await run(TOKEN)
      expect(stdout).toContain(`room ${room.A.code} exported to ${file}`)
      const { exportedAt: _, ...fromFile } = JSON.parse(readFileSync(file, 'utf8'))
      const { exportedAt: __, ...fromApi } = (await exportOf(room.A.code)).body
      expect(fromFile).toEqual(fromApi)
      await expect(run('operator-token-wrong-0123456789abcdef')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/operator token missing or wrong/) })
      // no service at --url: the reason is said, not fetch's bare "fetch failed"
      const closed = await new Promise<number>((ok) => {
        const n = createServer().listen(0, '127.0.0.1', () => {
          const { port } = n.address() as AddressInfo
          n.close(() => ok(port))
        })
      })
      await expect(promisify(execFile)(process.execPath, ['--import', 'tsx', script, 'list', '--url', `http://127.0.0.1:${closed}`], { env: { ...process.env, OPERATOR_TOKEN: TOKEN } }))
        .rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(new RegExp(`could not reach http://127.0.0.1:${closed} \\(connect ECONNREFUSED`)) })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000) // three runs of the CLI, each compiled by tsx first: seconds on a loaded 2-core machine
})
