// The deck's client (composables/sessionApi.ts) against the real service, on a loopback port: every request it makes
// is one the service's own schemas accept on the path and method the contract's table gives (checked here on the
// wire, not only by vue-tsc), every reply it gets parses with the contract's reply schema (sessionApi parses each one,
// so a drift between what the service sends and what the deck reads fails here; so does a field the service sends that
// the reply schema lacks, which the parse would drop), and a refusal reaches the deck as its code. The browser is played by a fetch that prefixes the service's address and carries one identity cookie.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { BASELINE_RECIPE, TRACKS, validateRecipe } from '../../engine/index.ts'
import { ENDPOINTS, isEndpoint, parseEndpointPath } from '../../server/api.ts'
import * as api from '../../composables/sessionApi.ts'
import { serviceInProcess } from './fixtures/serviceInProcess.ts'

const SECRET = 'session-api-secret-Quokka-3'
interface Sent { method: string; endpoint: string; body: unknown; query: Record<string, string> }

describe('the deck\'s client speaks the service\'s contract', () => {
  const service = serviceInProcess(SECRET)
  const sent: Sent[] = []
  let cookie = ''
  /** the JSON of the last reply, as the service sent it */
  let raw: unknown
  /** `parsed` (what the deck's client returned) holds every field of the reply the service sent */
  const whole = <T>(parsed: T): T => { expect(parsed).toStrictEqual(raw); return parsed }
  beforeAll(() => {
    const real = globalThis.fetch
    vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
      const url = new URL(path, service.url)
      const { endpoint } = parseEndpointPath(url.pathname)
      const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined
      sent.push({ method: init.method ?? 'GET', endpoint, body, query: Object.fromEntries(url.searchParams) })
      const res = await real(url, { ...init, headers: { ...init.headers as Record<string, string>, Cookie: cookie } })
      const set = res.headers.getSetCookie().find((c) => c.startsWith('sc_voter='))
      if (set) cookie = set.split(';')[0]
      raw = res.headers.get('Content-Type')?.startsWith('application/json') ? await res.clone().json() : undefined
      return res
    })
  })
  afterAll(() => { vi.unstubAllGlobals() })

  it('a class session, call by call: each reply parses with its schema', async () => {
    expect(whole(await api.getIdentity())).toEqual({ ok: true, issued: true })
    expect(whole(await api.getState()).presenter.slide).toBeGreaterThanOrEqual(0)
    expect(whole(await api.checkSecret(SECRET))).toEqual({ presenter: true })
    const a = whole(await api.postAnswer('quantization', 2, 1))
    expect(a).toMatchObject({ ok: true, round: 1, value: 2, count: 1 })
    expect(whole(await api.getState()).mine).toMatchObject({ quantization: 2 })
    whole(await api.postControl(SECRET, 'reveal', 'quantization'))
    expect(whole(await api.getResults('quantization', 1))).toMatchObject({ kind: 'choice', count: 1, counts: [0, 0, 1, 0], phase: 'revealed' })
    expect((await api.exportCsv(SECRET, 'quantization', 1)).size).toBeGreaterThan(0)
    whole(await api.postGoto(SECRET, 4, 1, 'tab-0001'))
    expect(whole(await api.getState()).presenter).toMatchObject({ slide: 4, clicks: 1, leader: 'tab-0001' })
    const tiny = validateRecipe('tiny', { ...BASELINE_RECIPE, student: TRACKS.tiny.baseline })
    expect(whole(await api.postContract('tiny', tiny)).mine.contract).toEqual({ track: 'tiny', recipe: tiny })
    expect(whole(await api.postGame('edge', 3, true)).mine.game).toEqual({ track: 'edge', triesUsed: 3, found: true })
    expect(whole(await api.getContracts(SECRET)).contracts).toEqual([{ track: 'tiny', recipe: tiny }])
    expect(whole(await api.postControl(SECRET, 'lock', 'contracts')).state).toEqual({ poll: 'contracts', phase: 'locked', contracts: 1, games: 1 })
  })

  it('every request it made is one the contract\'s table and schemas accept', () => {
    expect(new Set(sent.map((s) => s.endpoint))).toEqual(new Set(Object.keys(ENDPOINTS).filter((e) => e !== 'events')))
    for (const s of sent) {
      expect(isEndpoint(s.endpoint), s.endpoint).toBe(true)
      if (!isEndpoint(s.endpoint)) continue
      const route: { method: string; body?: { parse(x: unknown): unknown }; query?: { parse(x: unknown): unknown } } = ENDPOINTS[s.endpoint]
      expect(s.method, s.endpoint).toBe(route.method)
      if (route.body) expect(route.body.parse(s.body), s.endpoint).toEqual(s.body)
      else expect(s.body, s.endpoint).toBeUndefined()
      if (route.query) route.query.parse(s.query)
      else expect(s.query, s.endpoint).toEqual({})
    }
  })

  it('a refusal reaches the deck as its code, with the service\'s sentence', async () => {
    const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('not refused') }, (e: api.SessionError) => [e.status, e.code])
    expect(await refusal(api.postAnswer('quantization', 1))).toEqual([409, 'closed'])
    await api.postControl(SECRET, 'newRound', 'quantization')
    expect(await refusal(api.postAnswer('quantization', 1, 1))).toEqual([409, 'stale'])
    expect(await refusal(api.postControl('not-the-secret', 'lock', 'quantization'))).toEqual([401, 'bad_secret'])
    expect(await refusal(api.getResults('quantization', 2))).toEqual([403, 'hidden'])
    expect(await refusal(api.getResults('nope', 1))).toEqual([404, 'not_found'])
    cookie = ''
    expect(await refusal(api.postGame('edge', 3, true))).toEqual([401, 'no_identity'])
  })
})
