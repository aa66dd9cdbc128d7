// Answers that wait for a lock: part 1's cliff and part 3's engine answer appear in their workbenches once the lock is revealed
// (offline here: the viewer's own reveal, kept in localStorage), and not before.
import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('vue-chartjs', async () => (await import('./chartStubs')).chartStubs)
vi.mock('../../composables/slidev', async () => (await import('./chartStubs')).slidevStub)
vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ live: false, polls: {} }), { status: 200 }))

async function mountWorkbench() {
  vi.resetModules() // each case starts with its own localStorage, as a fresh page load would
  const { default: QuantizationWorkbench } = await import('../../components/QuantizationWorkbench.vue')
  const w = mount(QuantizationWorkbench)
  await flushPromises()
  return w
}

describe('the cliff after the part-1 reveal', () => {
  beforeEach(() => localStorage.clear())

  it('stays hidden while the lock is open or only committed', async () => {
    expect((await mountWorkbench()).find('[data-readout="cliff"]').exists()).toBe(false)
    localStorage.setItem('silicon-contract:lock:quantization', JSON.stringify({ value: 2, revealed: false }))
    expect((await mountWorkbench()).find('[data-readout="cliff"]').exists()).toBe(false)
  })

  it('appears once the viewer has revealed the lock', async () => {
    localStorage.setItem('silicon-contract:lock:quantization', JSON.stringify({ value: 2, revealed: true }))
    const w = await mountWorkbench()
    expect(w.get('[data-readout="cliff"]').text()).toMatch(/cliff|No cliff/)
  })
})

describe("the engine's answer to part 3's lock", () => {
  beforeEach(() => localStorage.clear())

  async function mountDistillation() {
    vi.resetModules()
    const { default: DistillationWorkbench } = await import('../../components/DistillationWorkbench.vue')
    const w = mount(DistillationWorkbench)
    await flushPromises()
    return w
  }

  it('is shown in the workbench once the distillation lock is revealed, not before', async () => {
    expect((await mountDistillation()).find('[data-testid="lock-answer"]').exists()).toBe(false)
    localStorage.setItem('silicon-contract:lock:distillation', JSON.stringify({ value: 1, revealed: true }))
    const { lockAnswer } = await import('../../engine')
    expect((await mountDistillation()).get('[data-testid="lock-answer"]').text()).toContain(lockAnswer('cloud', 'distillation').explanation.slice(0, 30))
  })
})
