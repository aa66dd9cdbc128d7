// Issue 13 in the deck: the class's contracts evaluated by the engine (never by the service or the component), the
// heavy/light kinds the ledger uses, reveal-gated views, "Submit my contract" and the game result sent when it ends.
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ref } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { archetypeOf, archetypes, baselineRecipe, evaluate, GAME_MAX_TRIES, recipeLabel, sweep, TRACK_IDS, TRACKS } from '../../engine'
import type { Recipe, TrackId } from '../../engine'
import type { ErrorCode } from '../../server/api'
import { classFrontier, gameCaption, gameRooms } from '../../logic/classFrontier'

vi.mock('vue-chartjs', async () => (await import('./chartStubs')).chartStubs)
const renderContext = ref('slide')
vi.mock('../../composables/slidev', () => ({
  useSlideContext: () => ({ $renderContext: renderContext, $clicks: ref(0) }),
  useNav: () => ({ isPresenter: ref(renderContext.value === 'presenter'), isPrintMode: ref(false) }),
  useIsSlideActive: () => ref(true),
}))
const api = vi.hoisted(() => ({
  live: false, snapshot: null as any, view: null as any, baked: {} as unknown,
  posts: [] as { path: string; body: any }[], refuse: null as null | { status: number; error: string; code: ErrorCode },
}))
vi.mock('../../composables/sessionApi', async (orig) => {
  const real = await orig<typeof import('../../composables/sessionApi')>()
  const submitted = (path: string) => async (...args: unknown[]) => {
    const body = path === 'contract' ? { track: args[0], recipe: args[1] } : { track: args[0], triesUsed: args[1], found: args[2] }
    if (api.refuse) throw new real.SessionError(api.refuse.status, api.refuse.error, api.refuse.code)
    const replaced = api.posts.some((p) => p.path === path)
    api.posts.push({ path, body })
    return { ok: true, replaced, contracts: 1, games: 0, mine: { contract: path === 'contract' ? body : null, game: path === 'game' ? body : null } }
  }
  return {
    ...real,
    probeLive: async () => api.live,
    getState: async () => api.snapshot,
    getIdentity: async () => ({ ok: true, issued: false }),
    getContracts: async () => { if (!api.view) throw new real.SessionError(403, 'hidden', 'hidden'); return api.view },
    postContract: submitted('contract'),
    postGame: submitted('game'),
  }
})
class FakeEventSource { addEventListener() {} close() {} }
vi.setConfig({ testTimeout: 30_000 })
vi.stubGlobal('EventSource', FakeEventSource)
vi.stubGlobal('fetch', async () => new Response(JSON.stringify(api.baked), { status: 200 }))

/** A room on mixed tracks: each archetype the engine found, the baseline twice, and a few sweep recipes. */
function room(): { track: TrackId; recipe: Recipe }[] {
  return TRACK_IDS.filter((t) => t !== 'mobile').flatMap((track) => {
    const a = archetypes(track)
    const s = sweep(track)
    return [a.heavy?.recipe, a.light?.recipe, baselineRecipe(track), baselineRecipe(track), s[5].recipe, s[77].recipe]
      .filter((r): r is Recipe => !!r).map((recipe) => ({ track, recipe }))
  })
}
const snap = (phase: string, count = 3, games = 0) => ({ polls: {}, presenter: { slide: 1, clicks: 0, seq: 0 }, contracts: { phase, count, games }, myContract: null, myGame: null })

describe('classFrontier: the engine\'s view of the room', () => {
  it('every point is evaluate()\'s, classified by the engine\'s archetypeOf, in spec when no budget binds', () => {
    const { rooms, refused } = classFrontier(room())
    expect(refused).toBe(0)
    expect(rooms.map((r) => r.track)).toEqual(['cloud', 'edge', 'tiny']) // tracks in the room only, in deck order
    for (const r of rooms) {
      for (const p of r.points) {
        const e = evaluate(r.track, p.recipe)
        expect(p.evaluation).toEqual(e)
        expect(p.kind).toBe(archetypeOf(r.track, p.recipe) ?? 'other')
        expect(p.inSpec).toBe(e.binding === null)
        expect(p.label).toBe(recipeLabel(r.track, p.recipe))
      }
      const total = Object.values(r.counts).reduce((n, c) => n + c.inSpec + c.out, 0)
      expect(total).toBe(room().filter((c) => c.track === r.track).length)
      expect(r.points.find((p) => p.label === recipeLabel(r.track, baselineRecipe(r.track)))!.students).toBe(2) // same recipe: one mark, two students
    }
  })

  it('the three most energy-efficient in-spec recipes, most efficient first; the ledger\'s archetypes count as heavy / light', () => {
    for (const r of classFrontier(room()).rooms) {
      const inSpec = r.points.filter((p) => p.inSpec).map((p) => p.evaluation.energyPerInferenceJ).sort((a, b) => a - b)
      expect(r.best.map((p) => p.evaluation.energyPerInferenceJ)).toEqual(inSpec.slice(0, 3))
      const a = archetypes(r.track)
      if (a.heavy) expect(r.counts.heavy.inSpec).toBeGreaterThanOrEqual(1)
      if (a.light) expect(r.counts.light.inSpec).toBeGreaterThanOrEqual(1)
    }
  })

  it('a recipe the engine refuses is left out and counted, never drawn', () => {
    const bad = { track: 'tiny' as const, recipe: { ...baselineRecipe('tiny'), sparsity: 3 } }
    const { rooms, refused } = classFrontier([bad, { track: 'tiny', recipe: baselineRecipe('tiny') }])
    expect(refused).toBe(1)
    expect(rooms[0].students).toBe(1)
  })

  it('game histograms: found on try n, then out of tries; the share who found the window', () => {
    const found = new Array(GAME_MAX_TRIES).fill(0)
    found[2] = 3
    const [g] = gameRooms({ edge: { count: 5, found, notFound: 2 } }, GAME_MAX_TRIES)
    expect(g.labels).toHaveLength(GAME_MAX_TRIES + 1)
    expect(g.labels.at(-1)).toBe('out')
    expect(g.bars).toEqual([0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 2])
    expect(g.share).toBeCloseTo(0.6)
  })
})

describe('the room\'s ten tries: a line for every track in the room (issue 19 #13)', () => {
  it('Cloud included, and a track whose students sent no game yet says so, with no chart', () => {
    const found = new Array(GAME_MAX_TRIES).fill(0)
    found[0] = 1
    const rooms = gameRooms({ cloud: { count: 1, found, notFound: 0 } }, GAME_MAX_TRIES, ['cloud', 'mobile'])
    expect(rooms.map((g) => g.track)).toEqual(['cloud', 'mobile'])
    expect(gameCaption(rooms[0], TRACKS.cloud.name)).toBe(`${TRACKS.cloud.name}: 100% found the window (1 of 1 student)`)
    expect(gameCaption(rooms[1], TRACKS.mobile.name)).toBe(`${TRACKS.mobile.name}: no game results in yet`)
    expect(rooms[1].share).toBeNull()
  })

  it('a track with no window to find is never "0% found the window"', () => {
    const g = { track: 'edge' as const, count: 4, found: 0, share: null, window: false, labels: [], bars: [] }
    expect(gameCaption(g, 'Edge Guardian')).toBe('Edge Guardian: no pruning window to find on this track (4 students played)')
  })

  it('ClassGame draws a line for the Cloud students in the room, next to the tracks with games', async () => {
    const found = new Array(GAME_MAX_TRIES).fill(0)
    found[3] = 1
    api.baked = { bakedAt: null, polls: {}, contracts: { contracts: [{ track: 'cloud', recipe: baselineRecipe('cloud') }], games: { tiny: { count: 2, found, notFound: 1 } }, maxTries: GAME_MAX_TRIES } }
    const { w } = await mountIt('ClassGame')
    expect(w.findAll('[data-testid="game-track"]').map((t) => t.attributes('data-track'))).toEqual(['cloud', 'tiny'])
    expect(w.get('[data-track="cloud"]').text()).toBe(`${TRACKS.cloud.name}: no game results in yet`)
  })
})

async function mountIt(name: 'ClassFrontier' | 'SubmitContract' | 'ClassGame', track: TrackId = 'tiny') {
  vi.resetModules()
  const { useDeckState } = await import('../../composables/deckState')
  useDeckState().setTrack(track)
  const { default: C } = await import(`../../components/${name}.vue`)
  const w = mount(C)
  await flushPromises()
  return { w, deck: useDeckState() }
}

enableAutoUnmount(afterEach)
beforeEach(() => {
  sessionStorage.clear()
  renderContext.value = 'slide'
  Object.assign(api, { live: false, snapshot: null, view: null, baked: { bakedAt: null, polls: {} }, posts: [], refuse: null })
})

describe('the slide', () => {
  it('offline: the last live class baked into the build, one small multiple per track, with your own recipe as a star', async () => {
    api.baked = { bakedAt: '2026-11-30T10:00:00Z', polls: {}, contracts: { contracts: room(), games: {}, maxTries: GAME_MAX_TRIES } }
    const { w } = await mountIt('ClassFrontier', 'mobile')
    expect(w.find('[data-testid="class-status"]').text()).toMatch(/^Last live class \(2026-11-30\)/)
    const plots = w.findAll('figure.class-plot')
    expect(plots.map((p) => p.attributes('data-track'))).toEqual(['cloud', 'edge', 'tiny', 'mobile']) // your track joins
    const charts = w.findAllComponents({ name: 'Bubble' })
    const mobile = charts.at(-1)!.props('data').datasets
    const you = mobile.find((d: any) => d.key === 'you')
    expect(you.data[0].x).toBe(evaluate('mobile', baselineRecipe('mobile')).memory.totalBytes)
    // each class mark sits where the engine puts it
    const tiny = classFrontier(room()).rooms.find((r) => r.track === 'tiny')!
    const groups = charts[2].props('data').datasets.filter((d: any) => d.key === 'room')
    expect(groups.length).toBeGreaterThan(0)
    const marks = groups.flatMap((d: any) => d.data)
    expect(marks.map((m: any) => m.y).sort()).toEqual(tiny.points.map((p) => p.evaluation.accuracy).sort())
    // the tooltip names each mark's recipe from its series' group (kind, in spec or out), whatever the series' words
    const tooltip = charts[2].props('options').plugins.tooltip.callbacks.label
    for (const g of groups) {
      const inGroup = tiny.points.filter((p) => p.kind === g.group.kind && p.inSpec === (g.group.fit === 'in'))
      expect(g.data.map((_: unknown, i: number) => tooltip({ dataset: { ...g, label: 'renamed' }, dataIndex: i }))).toEqual(inGroup.map((p) => `${p.label} (${p.students})`))
    }
    const side = w.find('[data-testid="class-side"]').text()
    for (const p of tiny.best) expect(side).toContain(p.label)
  })

  it('live student before the reveal: the count only, no recipes asked for; after the reveal: the room', async () => {
    api.live = true
    api.snapshot = snap('open', 4)
    const first = await mountIt('ClassFrontier')
    expect(first.w.find('[data-testid="class-status"]').text()).toMatch(/4 contracts in — the presenter reveals/)
    expect(first.w.findAll('figure.class-plot')).toHaveLength(0)
    expect(first.w.find('[data-testid="contract-controls"]').exists()).toBe(false)
    first.w.unmount()
    const mine = { track: 'edge' as const, recipe: archetypes('edge').light!.recipe }
    api.snapshot = { ...snap('revealed', 4), myContract: mine }
    api.view = { phase: 'revealed', contracts: room(), games: {}, maxTries: GAME_MAX_TRIES }
    const { w } = await mountIt('ClassFrontier')
    expect(w.findAll('figure.class-plot')).toHaveLength(3)
    expect(w.find('[data-testid="class-counts"]').text()).toContain(TRACKS.edge.name)
    // the student's own contract is marked where the engine puts it, on its track only
    const you = w.findAllComponents({ name: 'Bubble' }).map((c) => c.props('data').datasets.find((d: any) => d.key === 'you'))
    expect(you.map((d) => !!d)).toEqual([false, true, false])
    expect(you[1].data[0]).toMatchObject({ x: evaluate('edge', mine.recipe).memory.totalBytes, y: evaluate('edge', mine.recipe).accuracy })
  })

  it('the presenter (with the secret) gets the live room and the close / reveal controls', async () => {
    api.live = true
    renderContext.value = 'presenter'
    sessionStorage.setItem('silicon-contract:presenter-secret', 's3cret-s3cret')
    api.snapshot = snap('open', 6)
    api.view = { phase: 'open', contracts: room(), games: {}, maxTries: GAME_MAX_TRIES }
    const { w } = await mountIt('ClassFrontier')
    expect(w.find('[data-testid="class-status"]').text()).toMatch(/LIVE \(presenter only\)/)
    expect(w.find('[data-testid="contract-controls"]').exists()).toBe(true)
  })

  it('the game slide: per track the histogram of tries and the share who found the window', async () => {
    const found = new Array(GAME_MAX_TRIES).fill(0)
    found[3] = 1
    api.baked = { bakedAt: null, polls: {}, contracts: { contracts: [], games: { tiny: { count: 2, found, notFound: 1 } }, maxTries: GAME_MAX_TRIES } }
    const { w } = await mountIt('ClassGame')
    const t = w.find('[data-testid="game-track"]')
    expect(t.text()).toContain(`${TRACKS.tiny.name}: 50% found the window (1 of 2 students)`)
    expect(w.findComponent({ name: 'Bar' }).props('data').datasets[0].data).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1])
    w.unmount()
    // live, after the reveal: the student's own result as the class has it, beside the room's
    api.live = true
    api.snapshot = { ...snap('revealed', 0, 2), myGame: { track: 'tiny', triesUsed: 4, found: true } }
    api.view = { phase: 'revealed', contracts: [], games: { tiny: { count: 2, found, notFound: 1 } }, maxTries: GAME_MAX_TRIES }
    const live = (await mountIt('ClassGame')).w
    expect(live.find('[data-testid="game-yours"]').text()).toBe(`· ${TRACKS.tiny.name}: you found it on try 4`)
  })
})

describe('Submit my contract (ledger)', () => {
  it('hidden offline and in the presenter view', async () => {
    expect((await mountIt('SubmitContract')).w.find('[data-testid="submit-contract"]').exists()).toBe(false)
    api.live = true
    api.snapshot = snap('open', 0)
    renderContext.value = 'presenter'
    expect((await mountIt('SubmitContract')).w.find('[data-testid="submit-contract"]').exists()).toBe(false)
  })

  it('unsent → sent (the deck\'s recipe) → changed since sent → changed → closed', async () => {
    api.live = true
    api.snapshot = snap('open', 0)
    const { w, deck } = await mountIt('SubmitContract')
    const state = () => w.find('[data-testid="submit-contract"]').attributes('data-state')
    expect(state()).toBe('unsent')
    await w.find('button').trigger('click')
    await flushPromises()
    expect(api.posts).toEqual([{ path: 'contract', body: { track: 'tiny', recipe: deck.recipe.value } }])
    expect(state()).toBe('sent')
    expect(w.find('button').attributes('disabled')).toBeDefined()
    deck.updateRecipe({ precision: 'int8' })
    await flushPromises()
    expect(state()).toBe('stale')
    expect(w.find('button').text()).toBe('Send my changed contract')
    await w.find('button').trigger('click')
    await flushPromises()
    expect(state()).toBe('changed')
    expect(w.find('.msg').attributes('title')).toBe(`The class has: ${recipeLabel('tiny', deck.recipe.value)}`)
    const { useClassSession } = await import('../../composables/useClassSession')
    useClassSession().snapshot.value = { ...snap('locked'), polls: {} } as any
    await flushPromises()
    expect(state()).toBe('closed')
    expect(w.find('button').attributes('disabled')).toBeDefined()
  })

  it('a refusal shows the service\'s (the engine\'s) message and can be retried', async () => {
    api.live = true
    api.snapshot = snap('open', 0)
    api.refuse = { status: 400, error: 'sparsity: must be between 0 and 0.9, got 3', code: 'invalid' }
    const { w } = await mountIt('SubmitContract')
    await w.find('button').trigger('click')
    await flushPromises()
    expect(w.find('[role="alert"]').text()).toBe('Not sent: sparsity: must be between 0 and 0.9, got 3')
    api.refuse = null
    await w.find('button').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="submit-contract"]').attributes('data-state')).toBe('sent')
  })
})

describe('the game result', () => {
  it('is sent once when the game ends in a live class (found on try n), not by the presenter, not offline', async () => {
    const { useGameResult } = await import('../../composables/useGameResult')
    const { judgeAttempt } = await import('../../logic/sparsity')
    const miss = judgeAttempt('tiny', baselineRecipe('tiny'))
    const hit = { ...miss, hit: true, veto: false }
    const play = async (live: boolean, presenter: boolean) => {
      vi.resetModules()
      api.live = live
      api.snapshot = snap('open', 0)
      api.posts = []
      if (presenter) sessionStorage.setItem('silicon-contract:presenter-secret', 's3cret-s3cret')
      const { useClassSession } = await import('../../composables/useClassSession')
      const { useGameResult: fresh } = await import('../../composables/useGameResult')
      ;(await import('../../composables/deckState')).useDeckState().setTrack('tiny')
      await useClassSession().ready()
      const attempts = ref([miss])
      const r = fresh(() => attempts.value)
      attempts.value = [miss, { ...miss, sparsity: 0.3 }, hit]
      await flushPromises()
      sessionStorage.clear()
      return { r, posts: api.posts }
    }
    expect(useGameResult).toBeTypeOf('function')
    const live = await play(true, false)
    expect(live.posts).toEqual([{ path: 'game', body: { track: 'tiny', triesUsed: 3, found: true } }])
    expect(live.r.message.value).toMatch(/result sent to the class \(found on try 3\)/)
    expect((await play(true, true)).posts).toEqual([])
    expect((await play(false, false)).posts).toEqual([])
  })
})
