// Part 1's cliff is the answer to its reflect question: the workbench shows it once the part-1 lock is revealed
// (offline here: the viewer's own reveal, kept in localStorage), and not before.
import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'

vi.mock('vue-chartjs', async () => (await import('./chartStubs')).chartStubs)
vi.mock('../../composables/slidev', () => ({ useNav: () => ({ isPrintMode: ref(false) }) }))
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
