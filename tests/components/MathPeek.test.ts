import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'

const printMode = ref(false)
vi.mock('../../composables/slidev', () => ({ useNav: () => ({ isPrintMode: printMode }) }))
const { default: MathPeek } = await import('../../components/MathPeek.vue')

const slot = { default: '<p class="formula">SQNR ≈ 6.02 b + 1.76 dB</p>' }

describe('MathPeek', () => {
  beforeEach(() => (printMode.value = false))

  it('is folded until the toggle is pressed, then shows its formulas', async () => {
    const w = mount(MathPeek, { props: { title: 'quantization error' }, slots: slot, attachTo: document.body })
    expect(w.find('.formula').exists()).toBe(false) // folded: not rendered at all, so live formulas cost nothing
    expect(w.get('button').attributes('aria-expanded')).toBe('false')
    await w.get('button').trigger('click')
    expect(w.find('.formula').isVisible()).toBe(true)
    expect(w.get('button').attributes('aria-expanded')).toBe('true')
  })

  it('in the PDF, opens only where the slide asks for it', () => {
    printMode.value = true
    expect(mount(MathPeek, { props: { title: 'a', printOpen: true }, slots: slot, attachTo: document.body }).find('.formula').isVisible()).toBe(true)
    expect(mount(MathPeek, { props: { title: 'b' }, slots: slot, attachTo: document.body }).find('.formula').exists()).toBe(false)
  })
})
