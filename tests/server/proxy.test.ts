// Serving the class on the internet (issue 20 item 6): cookies get `Secure` when the request came over HTTPS (TLS on the
// socket, or X-Forwarded-Proto: https from a proxy the operator trusts), and the per-address limits count the client
// that X-Forwarded-For names only when that header comes from a trusted proxy. Untrusted headers are ignored, so a
// student cannot dodge a limit or fake HTTPS by sending them. Request size and rate limits still hold behind a proxy.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpsServer, request as httpsRequest, type Server as HttpsServer } from 'node:https'
import type { IncomingMessage } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startClassServer, type ClassServer } from '../../server/app.ts'
import { createSessionHandler, GUESS_LIMIT, type SessionHandler } from '../../server/handler.ts'
import { clientOf, parseTrustProxy, type TrustProxy } from '../../server/proxy.ts'
import { parseServeArgs, UsageError } from '../../server/args.ts'
import { openStore, type SessionStore } from '../../server/store.ts'
import { TEST_POLLS } from './fixtures/polls.ts'
import { call } from './fixtures/client.ts'

const SECRET = 'proxy-test-secret-Bandicoot'
const TOKEN = 'proxy-test-operator-token-Potoroo-0123'

/** A request as the handler sees it: the socket's peer (and TLS), and the headers. */
const fakeReq = (peer: string, headers: Record<string, string> = {}, encrypted = false) =>
  ({ socket: { remoteAddress: peer, encrypted }, headers }) as unknown as IncomingMessage

describe('TRUST_PROXY and clientOf', () => {
  it('parses none, a number of proxies, or addresses and subnets; anything else is a usage error', () => {
    for (const none of [undefined, '', '0', 'false']) expect(parseTrustProxy(none)).toBeNull()
    expect(parseTrustProxy('1')).toEqual({ hops: 1 })
    expect(parseTrustProxy('127.0.0.1, ::1, 10.0.0.0/8')).toMatchObject({ text: '127.0.0.1, ::1, 10.0.0.0/8' })
    for (const bad of ['proxy.example', '10.0.0.0/33', '10.0.0.1/8/1', '::1/200', 'true'])
      expect(() => parseServeArgs([], { CLASS_SECRET: 'abcdefg', TRUST_PROXY: bad })).toThrow(UsageError)
    expect(parseServeArgs([], { CLASS_SECRET: 'abcdefg' }).trustProxy).toBeNull()
  })

  const spoof = { 'x-forwarded-for': '198.51.100.7', 'x-forwarded-proto': 'https' }
  it('without a trusted proxy the headers are ignored: the peer is the client, HTTPS only over TLS', () => {
    expect(clientOf(fakeReq('203.0.113.9', spoof), null)).toEqual({ address: '203.0.113.9', https: false })
    expect(clientOf(fakeReq('203.0.113.9', {}, true), null)).toEqual({ address: '203.0.113.9', https: true })
    // trusted proxies are named: another peer's headers are ignored
    expect(clientOf(fakeReq('203.0.113.9', spoof), parseTrustProxy('127.0.0.1'))).toEqual({ address: '203.0.113.9', https: false })
  })

  it('from a trusted proxy: the entry it appended is the client, whatever the client wrote on the left', () => {
    const behind = { 'x-forwarded-for': '6.6.6.6, 198.51.100.7', 'x-forwarded-proto': 'https' }
    const byList = parseTrustProxy('127.0.0.1,10.0.0.0/8')
    expect(clientOf(fakeReq('127.0.0.1', behind), byList)).toEqual({ address: '198.51.100.7', https: true })
    expect(clientOf(fakeReq('::ffff:127.0.0.1', behind), byList)).toEqual({ address: '198.51.100.7', https: true })
    expect(clientOf(fakeReq('127.0.0.1', behind), { hops: 1 })).toEqual({ address: '198.51.100.7', https: true })
    // two proxies: a load balancer (10.x) in front of nginx (127.0.0.1); the list walks past both
    const twice = { 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.1.2.3' }
    expect(clientOf(fakeReq('127.0.0.1', twice), byList).address).toBe('198.51.100.7')
    expect(clientOf(fakeReq('127.0.0.1', twice), { hops: 2 }).address).toBe('198.51.100.7')
    expect(clientOf(fakeReq('127.0.0.1', twice), { hops: 1 }).address).toBe('10.1.2.3')
    // no header: the proxy itself; a malformed entry: the last address a trusted proxy vouched for
    expect(clientOf(fakeReq('127.0.0.1'), byList)).toEqual({ address: '127.0.0.1', https: false })
    expect(clientOf(fakeReq('127.0.0.1', { 'x-forwarded-for': '198.51.100.7, not-an-ip' }), byList).address).toBe('127.0.0.1')
    expect(clientOf(fakeReq('127.0.0.1', { 'x-forwarded-proto': 'http' }), byList).https).toBe(false)
  })
})

/** The cookie lines a GET sets. */
const setCookies = async (url: string, path: string, headers: Record<string, string> = {}) => (await fetch(url + path, { headers })).headers.getSetCookie()

// The service on loopback, once trusting loopback as its proxy and once trusting nothing: the same headers, opposite answers.
for (const trusted of [true, false]) {
  describe(trusted ? 'behind a trusted proxy (TRUST_PROXY=127.0.0.1,::1)' : 'with no trusted proxy: X-Forwarded-* ignored', () => {
    let s: ClassServer
    let room: string
    /** a student of `room`, for the body-size test (taken first: the limit tests use up the address's identities) */
    let cookie: string
    beforeAll(async () => {
      s = await startClassServer({
        secret: SECRET, polls: TEST_POLLS, dataDir: ':memory:', throttleMs: 10,
        limits: { identitiesPerMinute: 3, streamsPerAddress: 1 },
        trustProxy: trusted ? parseTrustProxy('127.0.0.1,::1') : null, operatorToken: TOKEN,
      })
      room = (await s.store.createRoom(null)).code
      cookie = (await setCookies(s.url, `/api/session/rooms/${room}/identity`, { 'X-Forwarded-For': '198.51.100.40' }))[0].split(';')[0]
    })
    afterAll(async () => { await s?.close() })
    const from = (client: string, https = false) => ({ 'X-Forwarded-For': client, ...(https ? { 'X-Forwarded-Proto': 'https' } : {}) })

    it(`identity and presenter cookies: Secure ${trusted ? 'exactly when the proxy says https' : 'never over plain HTTP, whatever the headers say'}`, async () => {
      const [id] = await setCookies(s.url, '/api/session/identity', from('198.51.100.1', true))
      const [pass] = await setCookies(s.url, '/api/session/auth', { ...from('198.51.100.1', true), Authorization: `Bearer ${SECRET}` })
      for (const c of [id, pass]) {
        expect(c).toMatch(/HttpOnly; SameSite=Strict/)
        expect(c.endsWith('; Secure')).toBe(trusted)
      }
      const [plain] = await setCookies(s.url, '/api/session/identity', from('198.51.100.2'))
      expect(plain).not.toContain('Secure')
    })

    it(`new identities per minute: per ${trusted ? 'forwarded client' : 'peer (a spoofed X-Forwarded-For changes nothing)'} and per room`, async () => {
      const statuses = async (client: string, path = '/api/session/identity') => {
        const out: number[] = []
        for (let i = 0; i < 4; i++) out.push((await fetch(s.url + path, { headers: from(client) })).status)
        return out
      }
      // the first test took 2 of this address's 3 (trusted: from 198.51.100.1 and .2, one each)
      expect(await statuses('198.51.100.10')).toEqual(trusted ? [200, 200, 200, 429] : [200, 429, 429, 429])
      expect(await statuses('198.51.100.11')).toEqual(trusted ? [200, 200, 200, 429] : [429, 429, 429, 429])
      const r = await call(s.url, '/api/session/identity', { headers: from('198.51.100.10') })
      expect(r.body.error).toMatch(/too many new identities/)
      // another room has its own count for the same address (the set-up took one of room's from 198.51.100.40: trusted,
      // another client; untrusted, the same peer)
      expect((await statuses('198.51.100.10', `/api/session/rooms/${room}/identity`))).toEqual(trusted ? [200, 200, 200, 429] : [200, 200, 429, 429])
    })

    it(`open streams per ${trusted ? 'forwarded client' : 'peer'}`, async () => {
      const ctrl = new AbortController()
      try {
        const first = await fetch(`${s.url}/api/session/events`, { headers: from('198.51.100.20'), signal: ctrl.signal })
        expect(first.status).toBe(200)
        expect((await call(s.url, '/api/session/events', { headers: from('198.51.100.20') })).status).toBe(429)
        const other = await fetch(`${s.url}/api/session/events`, { headers: from('198.51.100.21'), signal: ctrl.signal })
        expect(other.status).toBe(trusted ? 200 : 429)
      } finally {
        ctrl.abort()
      }
    })

    it(`wrong secrets: throttled per ${trusted ? 'forwarded client' : 'peer'}`, async () => {
      const guess = (client: string) => call(s.url, `/api/session/rooms/${room}/auth`, { headers: from(client), secret: 'wrong-secret-guess' })
      for (let i = 0; i < GUESS_LIMIT; i++) expect((await guess('198.51.100.30')).status).toBe(401)
      expect((await guess('198.51.100.30')).status).toBe(429)
      expect((await guess('198.51.100.31')).status).toBe(trusted ? 401 : 429)
      // per room: the same address still gets a plain 401 in the default room, whose presenter signs in as ever
      expect((await call(s.url, '/api/session/auth', { headers: from('198.51.100.30'), secret: 'wrong-secret-guess' })).status).toBe(401)
      expect((await call(s.url, '/api/session/auth', { headers: from('198.51.100.30'), secret: SECRET })).status).toBe(200)
    })

    it('wrong operator tokens: counted apart, and past the limit the right token gets the same 429', async () => {
      const list = (client: string, token: string) => call(s.url, '/api/session/rooms', { headers: from(client), secret: token })
      for (let i = 0; i < GUESS_LIMIT; i++) expect((await list('198.51.100.50', `wrong-operator-token-guess-${i}`)).status).toBe(401)
      expect((await list('198.51.100.50', TOKEN)).status).toBe(429)
      expect((await list('198.51.100.51', TOKEN)).status).toBe(trusted ? 200 : 429)
      // the rooms' presenters are not held up by the operator's guesser
      expect((await call(s.url, '/api/session/auth', { headers: from('198.51.100.50'), secret: SECRET })).status).toBe(200)
    })

    it('bodies over 4 KB are refused (413) behind the proxy as before', async () => {
      const r = await call(s.url, `/api/session/rooms/${room}/answer`, { headers: { ...from('198.51.100.40'), Cookie: cookie }, json: { poll: 'quantization', value: 1, pad: 'x'.repeat(5000) } })
      expect(r.status).toBe(413)
      expect(r.body.error).toMatch(/larger than 4096 bytes/)
    })
  })
}

// Directly over TLS (no proxy): the socket is encrypted, so the cookies are Secure without any header or configuration.
describe('directly over TLS', () => {
  let dir: string
  let store: SessionStore
  let handler: SessionHandler
  let server: HttpsServer
  let cert: Buffer
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sc-tls-'))
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' })
    cert = readFileSync(join(dir, 'cert.pem'))
    store = await openStore({ dataDir: ':memory:' })
    handler = await createSessionHandler({ store, secret: SECRET, polls: TEST_POLLS, trustProxy: null as TrustProxy })
    server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (req, res) => handler(req, res))
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  })
  afterAll(async () => {
    handler?.close()
    await new Promise((ok) => server?.close(ok))
    await store?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('the identity cookie is Secure', async () => {
    const port = (server.address() as { port: number }).port
    const cookies = await new Promise<string[]>((ok, fail) => {
      httpsRequest({ host: '127.0.0.1', port, path: '/api/session/identity', ca: cert }, (res) => {
        res.resume()
        ok(res.headers['set-cookie'] ?? [])
      }).on('error', fail).end()
    })
    expect(cookies).toHaveLength(1)
    expect(cookies[0]).toMatch(/^sc_voter=.*; HttpOnly; SameSite=Strict; Secure$/)
  })
})
