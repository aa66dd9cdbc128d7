// PredictionLock offline and live, with the Slidev glue and the session API mocked.
// The answer key shown on reveal is the engine's (lockAnswer) for the deck's track, never typed here.
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ref } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fullSnapshot, type SnapshotIn } from './liveSession'
import { LOCKS, lockAnswer, TRACK_IDS, TRACKS } from '../../engine'

const renderContext = ref('slide')
const clicks = ref(0)
vi.mock('../../composables/slidev', () => ({
  useSlideContext: () => ({ $renderContext: renderContext, $clicks: clicks }),
  useNav: () => ({}),
  useIsSlideActive: () => ref(true),
}))
const api = vi.hoisted(() => ({
  live: false,
  snapshot: null as any,
  answers: [] as unknown[],
  controls: [] as unknown[],
  baked: { bakedAt: null, polls: {} } as unknown,
}))
vi.mock('../../composables/sessionApi', async (orig) => ({
  ...(await orig<typeof import('../../composables/sessionApi')>()),
  probeLive: async () => api.live,
  getState: async () => api.snapshot,
  postAnswer: async (poll: string, value: number) => { api.answers.push({ poll, value }); return { ok: true, round: 1, count: 1, value } },
  getIdentity: async () => ({ ok: true, issued: false }),
  postControl: async (secret: string, action: string, poll: string) => { api.controls.push({ secret, action, poll }); return { ok: true } },
  exportCsv: async (_secret: string, poll: string, round?: number) => new Blob([`poll,round,voter,value,updated_at\n${poll},${round ?? 'now'},v${round},1,2026-01-01T00:00:00.000Z\n`]),
  getResults: async () => ({ poll: 'distillation', round: 1, kind: 'choice', count: 3, counts: [0, 1, 2, 0], phase: 'revealed' }),
}))
class FakeEventSource {
  static last: FakeEventSource | null = null
  listeners: Record<string, ((e: any) => void)[]> = {}
  constructor(public url: string) { FakeEventSource.last = this }
  addEventListener(t: string, f: (e: any) => void) { (this.listeners[t] ??= []).push(f) }
  emit(data: SnapshotIn) { for (const f of this.listeners.state ?? []) f({ data: JSON.stringify(fullSnapshot(data)) }) }
  close() {}
}
const saved = vi.hoisted(() => [] as { name: string; blob: Blob }[])
vi.mock('../../composables/download', () => ({ downloadBlob: (name: string, blob: Blob) => saved.push({ name, blob }) }))
vi.setConfig({ testTimeout: 30_000 }) // the first mount compiles the SFCs and the engine; slow on a loaded 2-core machine
vi.stubGlobal('EventSource', FakeEventSource)
vi.stubGlobal('fetch', async () => new Response(JSON.stringify(api.baked), { status: 200 }))

type Lock = 'quantization' | 'quantizationAccuracy' | 'distillation'
async function mountLock(lock: Lock | Lock[] = 'distillation', revealAt?: number) {
  vi.resetModules()
  const { default: PredictionLock } = await import('../../components/PredictionLock.vue')
  const w = mount(PredictionLock, { props: { lock, revealAt } })
  await flushPromises()
  return w
}
const key = () => lockAnswer('cloud', 'distillation')
const snap = (phase: string, count: number) => ({ polls: { distillation: { round: 1, phase, count } }, presenter: { slide: 1, clicks: 0, seq: 0 }, mine: { distillation: null } })

enableAutoUnmount(afterEach)
beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  renderContext.value = 'slide'
  clicks.value = 0
  api.live = false
  api.answers = []
  api.controls = []
  api.baked = { bakedAt: null, polls: {} }
})

describe('offline (static build)', () => {
  it('asks the engine’s question with exactly 4 options; commit → locked → reveal shows the engine’s key and the gap', async () => {
    const w = await mountLock()
    expect(w.text()).toContain(LOCKS.distillation.question)
    const radios = w.findAll('.lock-option input[type="radio"]')
    expect(radios).toHaveLength(4)
    const wrong = (key().value + 1) % 4
    await radios[wrong].setValue(true)
    // how sure (issue 22): optional, locked with the answer, kept in this browser with the answer it went with
    await w.findAll('[data-testid="lock-confidence"] input')[2].setValue(true)
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[data-phase]').attributes('data-phase')).toBe('locked')
    expect(JSON.parse(localStorage.getItem('silicon-contract:lock:distillation')!).value).toBe(wrong)
    expect(JSON.parse(localStorage.getItem('silicon-contract:confidence:distillation')!)).toEqual({ value: wrong, confidence: 2 })
    await w.find('button.reveal').trigger('click')
    await flushPromises()
    expect(w.find('[data-phase]').attributes('data-phase')).toBe('revealed')
    expect(w.text()).toContain(LOCKS.distillation.options![key().value])
    expect(w.text()).toContain(key().explanation)
    expect(w.find('.gap').text()).toMatch(/^you chose “.*”, the answer is “.*”/)
    expect(w.text()).toContain('No live-class results were baked into this build.')
  })

  it('shows the baked results of the last live class after the viewer reveals', async () => {
    api.baked = { bakedAt: '2026-01-01T00:00:00Z', polls: { distillation: { poll: 'distillation', round: 1, kind: 'choice', count: 4, counts: [1, 0, 3, 0] } } }
    localStorage.setItem('silicon-contract:lock:distillation', JSON.stringify({ value: 2, revealed: true }))
    const w = await mountLock()
    expect(w.find('.lock-bars').text()).toContain('4 answers')
    expect(w.find('.lock-bars').text()).toContain('3 (75%)')
  })

  it('a reload keeps the committed answer', async () => {
    localStorage.setItem('silicon-contract:lock:distillation', JSON.stringify({ value: 2, revealed: false }))
    const w = await mountLock()
    expect(w.find('[data-phase]').attributes('data-phase')).toBe('locked')
  })

  it('storage that refuses to write (private mode, quota) keeps the answer for this page, without an error', async () => {
    const refuse = vi.spyOn(localStorage, 'setItem').mockImplementation(() => { throw new DOMException('full', 'QuotaExceededError') })
    try {
      const w = await mountLock()
      await w.findAll('input[type="radio"]')[1].setValue(true)
      await w.find('form').trigger('submit')
      await flushPromises()
      expect(w.find('[data-phase]').attributes('data-phase')).toBe('locked')
      await w.find('button.reveal').trigger('click')
      await flushPromises()
      expect(w.find('[data-phase]').attributes('data-phase')).toBe('revealed')
      expect(w.find('[role="alert"]').exists()).toBe(false)
      expect(localStorage.getItem('silicon-contract:lock:distillation')).toBeNull()
    } finally { refuse.mockRestore() }
  })
})

describe('offline, a number lock', () => {
  it('starts unset (not at its minimum) with one unit label; submitting untouched asks for a number and sends nothing', async () => {
    const w = await mountLock('quantization')
    const range = LOCKS.quantization.range!
    expect((w.get('input[type="number"]').element as HTMLInputElement).value).toBe('')
    expect(Number((w.get('input[type="range"]').element as HTMLInputElement).value)).toBe((range.min + range.max) / 2)
    expect(w.get('.lock-number').text().split(range.unit)).toHaveLength(2) // the unit printed once
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[role="alert"]').text()).toMatch(/Set a number/)
    expect(localStorage.getItem('silicon-contract:lock:quantization')).toBeNull()
    expect(w.find('[data-phase]').attributes('data-phase')).toBe('open')
  })
  it('commits a bounded number with its unit and shows the gap as a ratio to the engine’s value', async () => {
    const w = await mountLock('quantization')
    await w.find('input[type="number"]').setValue('2')
    await w.find('form').trigger('submit')
    await flushPromises()
    await w.find('button.reveal').trigger('click')
    await flushPromises()
    const truth = lockAnswer('cloud', 'quantization').value
    const rel = (2 - truth) / truth
    expect(w.find('.gap').text()).toMatch(/^you predicted 2×, the hardware gives [\d.]+×: /)
    expect(w.find('.gap').text()).toContain(Math.abs(rel) < 0.05 ? 'spot on' : `${Number((Math.abs(rel) * 100).toPrecision(2))}% too ${rel > 0 ? 'high' : 'low'}`)
  })
  it('refuses an out-of-range number with a message and keeps the lock open', async () => {
    const w = await mountLock('quantization')
    await w.find('input[type="number"]').setValue(String(LOCKS.quantization.range!.max + 5))
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[role="alert"]').text()).toMatch(/between/)
    expect(w.find('[data-phase]').attributes('data-phase')).toBe('open')
  })
})

describe('lock 1: two parts (footprint factor, accuracy change) on one slide', () => {
  const parts: Lock[] = ['quantization', 'quantizationAccuracy']
  it('asks both questions, commits both with one button (not one alone), and reveals both keys side by side', async () => {
    const w = await mountLock(parts)
    expect(w.text()).toContain(LOCKS.quantization.question)
    expect(w.text()).toContain(LOCKS.quantizationAccuracy.question)
    expect(w.findAll('button[type="submit"]')).toHaveLength(1)
    await w.find('input[type="number"]').setValue('2')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[role="alert"]').text()).toBe(`Choose an option for “${LOCKS.quantizationAccuracy.question}”.`)
    expect(w.find('[data-phase]').attributes('data-phase')).toBe('open')
    const wrong = (lockAnswer('cloud', 'quantizationAccuracy').value + 2) % 4
    await w.findAll('input[type="radio"]')[wrong].setValue(true)
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[data-phase]').attributes('data-phase')).toBe('locked')
    expect(JSON.parse(localStorage.getItem('silicon-contract:lock:quantizationAccuracy')!).value).toBe(wrong)
    await w.find('button.reveal').trigger('click')
    await flushPromises()
    const reveals = w.findAll('.lock-reveal')
    expect(reveals.map((r) => r.attributes('data-part'))).toEqual(parts)
    for (const [i, id] of parts.entries()) expect(reveals[i].get('[data-testid="lock-key"]').text()).toContain(lockAnswer('cloud', id).explanation)
    expect(reveals[1].get('.gap').text()).toBe(`you chose “${LOCKS.quantizationAccuracy.options![wrong]}”, the answer is “${LOCKS.quantizationAccuracy.options![lockAnswer('cloud', 'quantizationAccuracy').value]}”`)
  })

  it('live: a student\'s one "Lock in" answers both polls; the presenter\'s one Lock, Reveal and reveal-at drive both', async () => {
    api.live = true
    api.snapshot = { polls: { quantization: { round: 1, phase: 'open', count: 4 }, quantizationAccuracy: { round: 1, phase: 'open', count: 3 } }, presenter: { slide: 1, clicks: 0, seq: 0 }, mine: {} }
    const student = await mountLock(parts)
    expect(student.get('[data-testid="lock-count"]').text()).toBe('4 / 3 answers in')
    await student.find('input[type="number"]').setValue('1.9')
    await student.findAll('input[type="radio"]')[1].setValue(true)
    await student.find('form').trigger('submit')
    await flushPromises()
    expect(api.answers).toEqual([{ poll: 'quantization', value: 1.9 }, { poll: 'quantizationAccuracy', value: 1 }])
    student.unmount()

    renderContext.value = 'presenter'
    sessionStorage.setItem('silicon-contract:presenter-secret', 'the-secret')
    const presenter = await mountLock(parts, 1)
    expect(presenter.findAll('.question').map((q) => q.text())).toEqual(parts.map((id) => LOCKS[id].question))
    await presenter.get('[data-testid="presenter-controls"]').findAll('button').find((b) => b.text() === 'Lock')!.trigger('click')
    await flushPromises()
    expect(api.controls).toEqual(parts.map((poll) => ({ secret: 'the-secret', action: 'lock', poll })))
    api.controls = []
    clicks.value = 1
    await flushPromises()
    expect(api.controls).toEqual(parts.map((poll) => ({ secret: 'the-secret', action: 'reveal', poll })))
  })
})

describe('live class', () => {
  it('students see the count only and no controls; their answer goes to the service; the reveal shows the class bars', async () => {
    api.live = true
    api.snapshot = snap('open', 2)
    const w = await mountLock()
    expect(w.text()).toContain('2 answers in')
    expect(w.find('[data-testid="presenter-controls"]').exists()).toBe(false)
    await w.findAll('input[type="radio"]')[1].setValue(true)
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(api.answers).toMatchObject([{ poll: 'distillation', value: 1 }])
    expect(w.find('.lock-bars').exists()).toBe(false)
    FakeEventSource.last!.emit(snap('revealed', 3))
    await flushPromises()
    expect(w.find('.lock-bars').text()).toContain('3 answers')
    expect(w.find('.lock-bars').text()).toContain('2 (67%)')
  })

  it('the presenter view shows the controls, starting with the secret form', async () => {
    api.live = true
    api.snapshot = snap('open', 0)
    renderContext.value = 'presenter'
    const w = await mountLock()
    const c = w.find('[data-testid="presenter-controls"]')
    expect(c.exists()).toBe(true)
    expect(c.find('input[type="password"]').exists()).toBe(true)
    // no answer form to misclick: the presenter's answer is never counted
    expect(w.find('.lock-question').exists()).toBe(false)
    expect(w.find('[data-testid="presenter-no-answer"]').exists()).toBe(true)
  })

  it('with reveal-at, the presenter’s click on the slide reveals', async () => {
    api.live = true
    api.snapshot = snap('locked', 3)
    renderContext.value = 'presenter'
    sessionStorage.setItem('silicon-contract:presenter-secret', 'the-secret')
    await mountLock('distillation', 1)
    expect(api.controls).toEqual([])
    clicks.value = 1
    await flushPromises()
    expect(api.controls).toEqual([{ secret: 'the-secret', action: 'reveal', poll: 'distillation' }])
  })

  it('starting over asks first, then opens a new round (never the destructive reset): the old answers stay exportable', async () => {
    api.live = true
    api.snapshot = snap('revealed', 3)
    renderContext.value = 'presenter'
    sessionStorage.setItem('silicon-contract:presenter-secret', 'the-secret')
    const w = await mountLock('distillation')
    // the presenter's reveal names every track's key (the room is on mixed tracks)
    for (const t of TRACK_IDS) expect(w.get('[data-testid="all-keys"]').text()).toContain(`${TRACKS[t].name} ${LOCKS.distillation.options![lockAnswer(t, 'distillation').value]}`)
    await w.get('[data-testid="start-over"]').trigger('click')
    expect(api.controls).toEqual([]) // one click deletes nothing and starts nothing
    expect(w.text()).toContain('3 answers stay exportable')
    await w.get('[data-testid="confirm-start-over"]').trigger('click')
    await flushPromises()
    expect(api.controls).toEqual([{ secret: 'the-secret', action: 'newRound', poll: 'distillation' }])
  })

  it('a student’s clicks never reveal', async () => {
    api.live = true
    api.snapshot = snap('locked', 3)
    await mountLock('distillation', 1)
    clicks.value = 2
    await flushPromises()
    expect(api.controls).toEqual([])
  })
})

describe('a value typed and not committed (issue 19 #8)', () => {
  it('survives the presenter taking the class to the next slide and back (the form unmounted), per lock', async () => {
    api.live = true
    api.snapshot = snap('open', 2)
    const w = await mountLock('distillation')
    await w.findAll('input[type="radio"]')[2].setValue(true)
    w.unmount() // the presenter moves on: Slidev unmounts the slide
    const back = await mountLock('distillation')
    expect((back.findAll('input[type="radio"]')[2].element as HTMLInputElement).checked).toBe(true)
    expect(api.answers).toEqual([]) // restored, not sent: the student still commits it
    const other = await mountLock('quantization')
    expect((other.get('input[type="number"]').element as HTMLInputElement).value).toBe('') // another lock's field is its own
  })

  it('a new round (the presenter\'s "Start over") leaves an empty field, not the last round\'s answer as a draft', async () => {
    api.live = true
    api.snapshot = { ...snap('open', 1), mine: { distillation: 2 } }
    const w = await mountLock('distillation')
    expect((w.findAll('input[type="radio"]')[2].element as HTMLInputElement).checked).toBe(true)
    // round 2 opens: the service no longer has an answer from this viewer
    api.snapshot = { ...snap('open', 0), polls: { distillation: { round: 2, phase: 'open', count: 0 } }, mine: { distillation: null } }
    FakeEventSource.last!.emit(api.snapshot)
    await flushPromises()
    w.unmount()
    const back = await mountLock('distillation')
    expect(back.findAll('input[type="radio"]').some((r) => (r.element as HTMLInputElement).checked)).toBe(false)
  })

  it('a number typed offline comes back too; once committed, "Answer again" starts empty', async () => {
    const w = await mountLock('quantization')
    await w.get('input[type="number"]').setValue('2.5')
    w.unmount()
    const back = await mountLock('quantization')
    expect((back.get('input[type="number"]').element as HTMLInputElement).value).toBe('2.5')
    await back.find('form').trigger('submit')
    await flushPromises()
    await back.get('button.reveal').trigger('click')
    await flushPromises()
    await back.get('button.again').trigger('click')
    await flushPromises()
    expect((back.get('input[type="number"]').element as HTMLInputElement).value).toBe('')
  })
})

describe('the presenter\'s export after "Start over…" (issue 19 #10)', () => {
  it('holds every round, the earlier ones the confirmation promised included, in one CSV', async () => {
    api.live = true
    api.snapshot = { ...snap('open', 0), polls: { distillation: { round: 2, phase: 'open', count: 0 } } }
    renderContext.value = 'presenter'
    sessionStorage.setItem('silicon-contract:presenter-secret', 'the-secret')
    saved.length = 0
    const w = await mountLock('distillation')
    expect(w.get('[data-testid="export-csv"]').text()).toContain('rounds 1–2')
    await w.get('[data-testid="export-csv"]').trigger('click')
    await flushPromises()
    expect(saved.map((s) => s.name)).toEqual(['distillation-rounds1-2.csv'])
    const rows = (await saved[0].blob.text()).trim().split('\n')
    expect(rows).toEqual(['poll,round,voter,value,updated_at', 'distillation,1,v1,1,2026-01-01T00:00:00.000Z', 'distillation,2,v2,1,2026-01-01T00:00:00.000Z'])
  })
})
