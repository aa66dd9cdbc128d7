// The lab bench panels: they measure only on the active slide in slide view, show the worker's real results
// (chart + table), cache per configuration, cancel on slide leave, and surface errors.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import LabBench from '../../components/LabBench.vue'
import LabKernels from '../../components/LabKernels.vue'
import { createLabServer, runToEnd, SPARSITIES, type LabRequest, type LabResponse } from '../../lab'
import { gridOf, PATTERN, SPARSITY, TEMPERATURE } from '../../engine'
import { quantizationJob } from '../../lab/jobs'
import { setLabWorkerFactory, type WorkerLike } from '../../composables/useLab'
import { slide } from './labSlidevMock'

vi.mock('vue-chartjs', async () => (await import('./chartStubs')).chartStubs)
vi.mock('../../composables/slidev', async () => (await import('./labSlidevMock')).slidevMock)

let sent: LabRequest[] = []
/** what the lab server answered */
let received: LabResponse[] = []
/** The real lab server, in-process, behind the Worker interface. */
function inProcess(reply?: (m: LabRequest) => LabResponse | null): WorkerLike {
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(m) {
      sent.push(m)
      const canned = reply?.(m)
      if (canned) setTimeout(() => w.onmessage?.({ data: canned } as MessageEvent<LabResponse>))
      else if (!reply) void server.handle(m)
    },
    terminate() {},
  }
  const server = createLabServer((r) => { received.push(r); w.onmessage?.({ data: r } as MessageEvent<LabResponse>) }, { sliceMs: 5 })
  return w
}
const runs = () => sent.filter((m) => m.kind === 'run')
const settle = (w: ReturnType<typeof mount>) =>
  vi.waitFor(() => expect(w.get('[role=status]').attributes('data-status')).not.toBe('running'), { timeout: 15000, interval: 20 })

enableAutoUnmount(afterEach)
beforeEach(() => {
  sent = []
  received = []
  slide.renderContext.value = 'slide'
  slide.active.value = true
  slide.print.value = false
  setLabWorkerFactory(() => inProcess())
})
afterEach(() => setLabWorkerFactory(null))

describe('LabBench', () => {
  it('quantization: plots and tabulates what the worker measured, labelled as measured, with seed and config', async () => {
    const w = mount(LabBench, { props: { part: 'quantization' } })
    await settle(w)
    const expected = runToEnd(quantizationJob())
    const ds = w.getComponent({ name: 'Line' }).props('data').datasets
    expect(ds[0].data).toEqual(expected.points.map((p) => 100 * p.accuracy))
    expect(w.get('[data-lab-table="quantization"]').text()).toContain(`${(100 * expected.points[2].accuracy).toFixed(1)}%`)
    expect(w.text()).toMatch(/measured on this device/i)
    expect(w.get('[data-lab-config]').text()).toMatch(/seed 1/)
    expect(runs()).toHaveLength(1)
  }, 20_000)

  it('revisiting a configuration is served from the cache (no new run)', async () => {
    const a = mount(LabBench, { props: { part: 'quantization' } })
    await settle(a)
    a.unmount()
    const b = mount(LabBench, { props: { part: 'quantization' } })
    await flushPromises()
    expect(runs()).toHaveLength(1)
    expect(b.get('[role=status]').text()).toContain('cache')
  }, 20_000)

  it.each([
    ['print/export mode', () => (slide.print.value = true)],
    ['an overview thumbnail', () => (slide.renderContext.value = 'overview')],
    ['the presenter view', () => (slide.renderContext.value = 'presenter')],
    ['a slide that is not current', () => (slide.active.value = false)],
  ])('nothing runs in %s', async (_, setUp) => {
    setUp()
    const w = mount(LabBench, { props: { part: 'sparsity' } })
    await flushPromises()
    expect(sent).toHaveLength(0)
    expect(w.get('[role=status]').text()).toContain('runs when this slide is shown')
  })

  it('leaving the slide cancels the running distillation, and no result appears', async () => {
    const w = mount(LabBench, { props: { part: 'distillation' } })
    await vi.waitFor(() => expect(w.get('[role=status]').text()).toContain('measuring'), { timeout: 5000, interval: 5 })
    slide.active.value = false
    await flushPromises()
    expect(sent.filter((m) => m.kind === 'cancel')).toHaveLength(1)
    // the server ends the job with its "cancelled" reply (one final reply per job): nothing can follow it
    await vi.waitFor(() => expect(received.filter((r) => r.kind !== 'progress').map((r) => r.kind)).toEqual(['cancelled']), { timeout: 5000, interval: 5 })
    await flushPromises()
    expect(w.get('[role=status]').attributes('data-status')).toBe('cancelled')
    expect(w.find('[data-lab-table="distillation"]').exists()).toBe(false)
  })

  it('distillation: changing the temperature runs that configuration and shows scratch vs distilled', async () => {
    const w = mount(LabBench, { props: { part: 'distillation' } })
    await settle(w)
    const range = w.get('input[type=range]')
    await range.setValue('2')
    await range.trigger('change')
    await settle(w)
    const last = runs().at(-1)
    expect(last?.kind === 'run' && last.job).toEqual({ part: 'distillation', hidden: 16, temperature: 2 })
    expect(w.getComponent({ name: 'Bar' }).props('data').datasets[1].label).toBe('Distilled (T = 2)')
    expect(w.get('[data-lab-table="distillation"]').text()).toContain('Teacher')
  }, 40_000)

  it('a worker error is shown with a way to recover, and the panel stays usable', async () => {
    setLabWorkerFactory(() => inProcess((m) => (m.kind === 'run' ? { kind: 'error', id: m.id, message: 'temperature must be between 1 and 20, got 99' } : null)))
    const w = mount(LabBench, { props: { part: 'quantization' } })
    await vi.waitFor(() => expect(w.find('[role=alert]').exists()).toBe(true))
    expect(w.get('[role=alert]').text()).toContain('temperature must be between 1 and 20, got 99')
    expect(w.get('[role=alert]').text()).toContain('try again')
  })

  it("the lab's sliders are the deck's: temperature over the parameter table's range, the kernels' ratio over the grid the lab prunes at", async () => {
    slide.active.value = false
    const t = mount(LabBench, { props: { part: 'distillation' } }).get('input[type=range]')
    expect([t.attributes('min'), t.attributes('max'), t.attributes('step')].map(Number)).toEqual([TEMPERATURE.min, TEMPERATURE.max, TEMPERATURE.sliderStep])
    const k = mount(LabKernels, { props: { active: false } }).get('[data-testid=kernels-sparsity]')
    const [min, max, step] = [k.attributes('min'), k.attributes('max'), k.attributes('step')].map(Number)
    expect([min, max]).toEqual([SPARSITY.slider.min, SPARSITY.slider.max])
    // every ratio the slider offers is one the pruning curve measured, and the other way round
    expect(gridOf(min, max, step).map(SPARSITY.slider.toRatio)).toEqual(SPARSITIES)
  })

  it("the kernels' first run is at 2:4's ratio, and a slider step sends its ratio", async () => {
    setLabWorkerFactory(() => inProcess((m) => (m.kind === 'run' ? { kind: 'error', id: m.id, message: 'not timed in this test' } : null)))
    const w = mount(LabKernels, { props: { active: true } })
    await flushPromises()
    await w.get('[data-testid=kernels-sparsity]').setValue('30') // an input and a change, as a release
    await flushPromises()
    expect(runs().map((m) => m.kind === 'run' && m.job)).toEqual([
      { part: 'kernels', sparsity: PATTERN.sparsityOf24, scale: 1 },
      { part: 'kernels', sparsity: 0.3, scale: 1 },
    ])
  })

  it('an unknown part says so', () => {
    expect(mount(LabBench, { props: { part: 'nope' } }).get('[role=alert]').text()).toContain('Unknown lab part')
  })
})
