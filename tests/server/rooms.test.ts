// Rooms (issue 20 item 1) on a loopback port, on each store: one service holds many classes, and nothing of one room
// can be read or changed from another, endpoint by endpoint. A room's identities (cookies) answer nothing elsewhere; a
// room's secret controls nothing elsewhere; a bad room code gets a clear 4xx JSON error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startClassServer, type ClassServer } from '../../server/app.ts'
import { BASELINE_RECIPE, TRACKS, validateRecipe } from '../../engine/index.ts'
import { roomSecretHash } from '../../server/handler.ts'
import { OPERATOR_ENDPOINTS, operatorPath } from '../../server/api.ts'
import { TEST_POLLS } from './fixtures/polls.ts'
import { call, type Reply } from './fixtures/client.ts'
import { serviceInProcess } from './fixtures/serviceInProcess.ts'
import { describeStores, type StoreLocation } from './fixtures/stores.ts'

const HOME_SECRET = 'rooms-default-secret-Wombat'
const SECRET = { A: 'room-A-secret-Numbat-1', B: 'room-B-secret-Quoll-22' }
const tiny = () => validateRecipe('tiny', { ...BASELINE_RECIPE, student: TRACKS.tiny.baseline })

describeStores((kind) => {
  const service = serviceInProcess(HOME_SECRET, TEST_POLLS, kind)
  const code = { A: '', B: '', closed: '' }
  beforeAll(async () => {
    code.A = (await service.store.createRoom(roomSecretHash(SECRET.A))).code
    code.B = (await service.store.createRoom(roomSecretHash(SECRET.B))).code
    code.closed = (await service.store.createRoom(roomSecretHash('x'.repeat(20)))).code
    await service.store.closeRoom(code.closed)
  })
  type R = 'A' | 'B' | 'home'
  const base = (r: R) => r === 'home' ? '/api/session/' : `/api/session/rooms/${code[r]}/`
  /** identity cookies, per (room, student): a browser holds one per room */
  const cookies = new Map<string, string>()
  const cookieOf = async (r: R, name: string) => {
    const k = `${r}|${name}`
    if (!cookies.has(k)) {
      const res = await fetch(service.url + base(r) + 'identity')
      expect(res.status).toBe(200)
      const set = res.headers.getSetCookie()[0]
      expect(set).toContain(`Path=${base(r)};`)
      cookies.set(k, set.split(';')[0])
    }
    return cookies.get(k)!
  }
  /** A request to room `r` as student `as` (with the cookie of the room `asOf`, default the same room) or with a secret. */
  async function req(r: R, path: string, o: { json?: unknown; as?: string; asOf?: R; secret?: string } = {}): Promise<Reply> {
    const headers: Record<string, string> = {}
    if (o.as) headers.Cookie = await cookieOf(o.asOf ?? r, o.as)
    return call(service.url, base(r) + path, { json: o.json, secret: o.secret, headers })
  }
  const stateOf = async (r: R) => (await req(r, 'state')).body

  describe('identity and answer: a cookie of room A is no identity in B', () => {
    it('identity: A\'s cookie is not recognised by B (B issues a new one) nor by the default room', async () => {
      const a = await cookieOf('A', 'ann')
      expect((await call(service.url, base('A') + 'identity', { headers: { Cookie: a } })).body).toEqual({ ok: true, issued: false })
      expect((await call(service.url, base('B') + 'identity', { headers: { Cookie: a } })).body).toEqual({ ok: true, issued: true })
      expect((await call(service.url, base('home') + 'identity', { headers: { Cookie: a } })).body).toEqual({ ok: true, issued: true })
      // and the default room's cookie (sent by the browser to every path) is no identity in A
      const h = await cookieOf('home', 'ann')
      expect((await call(service.url, base('A') + 'identity', { headers: { Cookie: h } })).body).toEqual({ ok: true, issued: true })
    })

    it('answer: A\'s cookie answers nothing in B; an answer in A counts in A only', async () => {
      const before = await stateOf('B')
      const r = await req('B', 'answer', { json: { poll: 'quantization', value: 2 }, as: 'ann', asOf: 'A' })
      expect(r.status).toBe(401)
      expect(r.body.error).toMatch(/identity/)
      expect((await req('home', 'answer', { json: { poll: 'quantization', value: 2 }, as: 'ann', asOf: 'A' })).status).toBe(401)
      expect((await req('A', 'answer', { json: { poll: 'quantization', value: 2 }, as: 'ann' })).status).toBe(200)
      expect(await stateOf('B')).toEqual(before)
      expect((await stateOf('A')).polls.quantization.count).toBe(1)
      expect((await stateOf('home')).polls.quantization.count).toBe(0)
    })
  })

  it('state: each room\'s snapshot carries its code and its own counts; A\'s cookie reads no "mine" in B', async () => {
    const a = await stateOf('A')
    expect(a.room).toBe(code.A)
    expect((await stateOf('B')).room).toBe(code.B)
    expect((await stateOf('home')).room).toMatch(/^[0-9]{6}$/)
    expect((await stateOf('home')).room).not.toBe(code.A)
    expect((await req('A', 'state', { as: 'ann' })).body.mine.quantization).toBe(2)
    expect((await req('B', 'state', { as: 'ann', asOf: 'A' })).body.mine).toBeUndefined()
  })

  it('events: a stream of room B gets B\'s snapshot, not A\'s', async () => {
    const ctrl = new AbortController()
    const res = await fetch(service.url + base('B') + 'events', { signal: ctrl.signal })
    const reader = res.body!.getReader()
    let buf = ''
    while (!/event: state\ndata: .*\n\n/.test(buf)) buf += new TextDecoder().decode((await reader.read()).value)
    const snap = JSON.parse(buf.match(/event: state\ndata: (.*)\n\n/)![1])
    ctrl.abort()
    expect(snap.room).toBe(code.B)
    expect(snap.polls.quantization.count).toBe(0)
  })

  describe('a secret of room A controls nothing in B', () => {
    it('auth: A\'s secret is the presenter in A only; the default room\'s secret in no other room', async () => {
      expect((await req('A', 'auth', { secret: SECRET.A })).status).toBe(200)
      expect((await req('B', 'auth', { secret: SECRET.A })).status).toBe(401)
      expect((await req('home', 'auth', { secret: SECRET.A })).status).toBe(401)
      expect((await req('A', 'auth', { secret: HOME_SECRET })).status).toBe(401)
      expect((await req('home', 'auth', { secret: HOME_SECRET })).status).toBe(200)
    })

    it('control (phases): A\'s secret locks nothing in B; B\'s own secret does, in B only', async () => {
      const r = await req('B', 'control', { json: { action: 'lock', poll: 'quantization' }, secret: SECRET.A })
      expect(r.status).toBe(401)
      expect(r.body.error).toMatch(/secret/)
      expect((await stateOf('B')).polls.quantization.phase).toBe('open')
      expect((await req('B', 'control', { json: { action: 'lock', poll: 'sparsity' }, secret: SECRET.B })).status).toBe(200)
      expect((await stateOf('B')).polls.sparsity.phase).toBe('locked')
      expect((await stateOf('A')).polls.sparsity.phase).toBe('open')
      expect((await stateOf('home')).polls.sparsity.phase).toBe('open')
    })

    it('control (goto): A\'s presenter moves A\'s decks only', async () => {
      expect((await req('B', 'control', { json: { action: 'goto', slide: 9, clicks: 0 }, secret: SECRET.A })).status).toBe(401)
      expect((await req('A', 'control', { json: { action: 'goto', slide: 9, clicks: 2 }, secret: SECRET.A })).status).toBe(200)
      expect((await stateOf('A')).presenter).toMatchObject({ slide: 9, clicks: 2 })
      expect((await stateOf('B')).presenter).toMatchObject({ slide: 1, clicks: 0, seq: 0 })
      expect((await stateOf('home')).presenter).toMatchObject({ slide: 1, seq: 0 })
    })

    it('results and export: B\'s are B\'s answers; A\'s secret reads neither before the reveal', async () => {
      await req('B', 'answer', { json: { poll: 'quantization', value: 0 }, as: 'bea' })
      await req('A', 'control', { json: { action: 'reveal', poll: 'quantization' }, secret: SECRET.A })
      expect((await req('A', 'results?poll=quantization')).body).toMatchObject({ count: 1, counts: [0, 0, 1, 0] })
      expect((await req('B', 'results?poll=quantization')).status).toBe(403)
      expect((await req('B', 'results?poll=quantization', { secret: SECRET.A })).status).toBe(403)
      expect((await req('B', 'results?poll=quantization', { secret: SECRET.B })).body).toMatchObject({ count: 1, counts: [1, 0, 0, 0] })
      expect((await req('B', 'export?poll=quantization', { secret: SECRET.A })).status).toBe(401)
      const a = (await req('A', 'export?poll=quantization', { secret: SECRET.A })).body.answers
      const b = (await req('B', 'export?poll=quantization', { secret: SECRET.B })).body.answers
      expect(a.map((x: { value: number }) => x.value)).toEqual([2])
      expect(b.map((x: { value: number }) => x.value)).toEqual([0])
      expect(a[0].voter).not.toBe(b[0].voter)
    })
  })

  describe('contracts and game results belong to one room', () => {
    it('contract and game: A\'s cookie sends nothing to B; each room counts its own', async () => {
      expect((await req('B', 'contract', { json: { track: 'tiny', recipe: tiny() }, as: 'ann', asOf: 'A' })).status).toBe(401)
      expect((await req('B', 'game', { json: { track: 'tiny', triesUsed: 3, found: true }, as: 'ann', asOf: 'A' })).status).toBe(401)
      expect((await req('A', 'contract', { json: { track: 'tiny', recipe: tiny() }, as: 'ann' })).body).toMatchObject({ ok: true, contracts: 1, games: 0 })
      expect((await req('A', 'game', { json: { track: 'tiny', triesUsed: 3, found: true }, as: 'ann' })).body).toMatchObject({ contracts: 1, games: 1 })
      expect((await stateOf('B')).contracts).toMatchObject({ count: 0, games: 0 })
      expect((await stateOf('home')).contracts).toMatchObject({ count: 0, games: 0 })
      expect((await req('B', 'state', { as: 'ann' })).body.myContract).toBeNull()
    })

    it('contracts: closing and revealing in A shows A\'s recipes, never to B; A\'s secret cannot close B\'s', async () => {
      expect((await req('B', 'control', { json: { action: 'lock', poll: 'contracts' }, secret: SECRET.A })).status).toBe(401)
      await req('A', 'control', { json: { action: 'reveal', poll: 'contracts' }, secret: SECRET.A })
      expect((await req('A', 'contracts')).body.contracts).toHaveLength(1)
      expect((await req('B', 'contracts')).status).toBe(403)
      expect((await req('B', 'contracts', { secret: SECRET.A })).status).toBe(403)
      expect((await req('B', 'contracts', { secret: SECRET.B })).body).toMatchObject({ phase: 'open', contracts: [] })
      expect((await stateOf('B')).contracts.phase).toBe('open')
    })
  })

  describe('bad room codes: a clear 4xx JSON error', () => {
    const cases: [string, string, number, RegExp][] = [
      ['not digits', '/api/session/rooms/abcdef/state', 400, /not a room code.*six digits/],
      ['too short', '/api/session/rooms/12345/state', 400, /six digits/],
      ['a path trick', '/api/session/rooms/..%2F..%2Fstate/state', 400, /six digits/],
      ['no such room', '/api/session/rooms/UNUSED/state', 404, /no room with code/],
      ['a closed room', '/api/session/rooms/CLOSED/answer', 410, /closed/],
    ]
    it.each(cases)('%s', async (_, path, status, message) => {
      let unused = '000000'
      while ([code.A, code.B, code.closed].includes(unused) || (await service.store.findRoom(unused))) unused = String(Number(unused) + 1).padStart(6, '0')
      const r = await call(service.url, path.replace('UNUSED', unused).replace('CLOSED', code.closed))
      expect(r.status).toBe(status)
      expect(r.headers.get('content-type')).toMatch(/application\/json/)
      expect(r.body.error).toMatch(message)
    })
    it('a code typed with a space or dash finds the room', async () => {
      expect((await call(service.url, `/api/session/rooms/${code.A.slice(0, 3)}-${code.A.slice(3)}/state`)).body.room).toBe(code.A)
    })
  })
})

// The operator (issue 20 item 2): OPERATOR_TOKEN creates, lists and closes rooms; a new room's secret is in the answer
// that created it and nowhere else (the store keeps its SHA-256).
const TOKEN = 'operator-token-Bilby-0123456789abcdef'
describeStores((kind) => {
  let s: ClassServer
  let bare: ClassServer
  let where: StoreLocation[] = []
  beforeAll(async () => {
    where = [await kind.fresh(), await kind.fresh()]
    s = await startClassServer({ secret: HOME_SECRET, polls: TEST_POLLS, dataDir: where[0].dataDir, databaseUrl: where[0].databaseUrl, operatorToken: TOKEN })
    bare = await startClassServer({ secret: HOME_SECRET, polls: TEST_POLLS, dataDir: where[1].dataDir, databaseUrl: where[1].databaseUrl })
  })
  afterAll(async () => {
    await s?.close()
    await bare?.close()
    for (const w of where) await w.drop()
  })
  const op = (path: string, method: string, secret: string | null = TOKEN, url = s.url) => call(url, `/api/session/${path}`, { method, secret: secret ?? undefined })

  it('without OPERATOR_TOKEN no one manages rooms (404 that says why)', async () => {
    const r = await op('rooms', 'POST', TOKEN, bare.url)
    expect(r.status).toBe(404)
    expect(r.body.error).toMatch(/OPERATOR_TOKEN/)
  })

  it('a wrong token, the default room\'s secret or a room\'s secret creates and lists nothing', async () => {
    expect((await op('rooms', 'POST', null)).status).toBe(401)
    expect((await op('rooms', 'POST', 'operator-token-wrong-0123456789abcdef')).status).toBe(401)
    expect((await op('rooms', 'GET', HOME_SECRET)).status).toBe(401)
    expect((await s.store.listRooms())).toHaveLength(1) // the default room only
  })

  it('create: a new code and its secret, once; the secret is the presenter of that room only and is not stored', async () => {
    const r = await op('rooms', 'POST')
    expect(r.status).toBe(201)
    expect(OPERATOR_ENDPOINTS.createRoom.reply.safeParse(r.body).success).toBe(true) // the reply the contract declares
    expect(r.body.code).toMatch(/^[0-9]{6}$/)
    expect(r.body.secret.length).toBeGreaterThanOrEqual(24)
    const info = await s.store.findRoom(r.body.code)
    expect(info!.secretHash).toBe(roomSecretHash(r.body.secret))
    expect(JSON.stringify(await s.store.listRooms())).not.toContain(r.body.secret)
    expect((await call(s.url, `/api/session/rooms/${r.body.code}/auth`, { secret: r.body.secret })).status).toBe(200)
    expect((await call(s.url, '/api/session/auth', { secret: r.body.secret })).status).toBe(401)
    expect((await call(s.url, `/api/session/rooms/${r.body.code}/auth`, { secret: TOKEN })).status).toBe(401)
    expect((await op('rooms', 'POST', r.body.secret)).status).toBe(401) // a room's presenter is no operator
  })

  it('list: codes and dates, the default room marked, never a secret or its hash', async () => {
    const r = await op('rooms', 'GET')
    expect(r.status).toBe(200)
    expect(OPERATOR_ENDPOINTS.listRooms.reply.safeParse(r.body).success).toBe(true)
    expect(r.body.rooms).toHaveLength(2)
    expect(r.body.rooms.filter((x: { default: boolean }) => x.default)).toHaveLength(1)
    expect(Object.keys(r.body.rooms[1]).sort()).toEqual(['closedAt', 'code', 'createdAt', 'default'])
  })

  it('close: the room answers 410 from then on; the default room, a bad or unknown code are refused', async () => {
    const { code } = (await op('rooms', 'POST')).body
    await call(s.url, `/api/session/rooms/${code}/identity`)
    expect((await op(`rooms/${code}`, 'DELETE')).body).toEqual({ ok: true, code, closed: true })
    expect(`/api/session/rooms/${code}`).toBe(operatorPath('closeRoom', code)) // the path the CLI and /operator use
    const after = await call(s.url, `/api/session/rooms/${code}/state`)
    expect(after.status).toBe(410)
    expect(after.body.error).toMatch(/closed/)
    expect((await op(`rooms/${s.handler.defaultRoom}`, 'DELETE')).status).toBe(400)
    expect((await op('rooms/12ab', 'DELETE')).status).toBe(400)
    const unused = ['000000', '000001', '000002'].find((c) => c !== code)!
    expect((await op(`rooms/${unused}`, 'DELETE')).status).toBe(404)
    expect((await op(`rooms/${code}`, 'DELETE', HOME_SECRET)).status).toBe(401)
  })

  it('a method no operator endpoint has: 405 on the rooms; on one room, the room\'s own paths answer', async () => {
    expect((await op('rooms', 'PUT')).status).toBe(405)
    const { code } = (await op('rooms', 'POST')).body
    expect((await op(`rooms/${code}`, 'GET')).body.code).toBe('not_found') // no endpoint '' in a room
    expect((await op(`rooms/${code}/export`, 'POST')).body.code).toBe('method_not_allowed') // the presenter's export is a GET
  })
})
