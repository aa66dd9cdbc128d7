// Answers that wait for a lock: part 3's engine answer appears in its workbench once the lock is revealed (offline here:
// the viewer's own reveal, kept in localStorage), and not before. (Part 1's knee and cliff are marked from the start:
// the lock asks about INT8, which the workbench shows anyway, and the curve crosses the floor in plain sight.)
import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('vue-chartjs', async () => (await import('./chartStubs')).chartStubs)
vi.mock('../../composables/slidev', async () => (await import('./chartStubs')).slidevStub)
vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ live: false, polls: {} }), { status: 200 }))

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
