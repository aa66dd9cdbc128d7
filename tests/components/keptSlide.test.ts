// A slide not shown never re-renders (issue 19): its components are paused, and shown again they catch up in one render.
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, getCurrentInstance, h, nextTick, ref, type ComponentInternalInstance } from 'vue'
import { mount } from '@vue/test-utils'
import { componentsUnder, pauseTree } from '../../composables/keptSlide'

vi.mock('../../composables/slidev', () => ({}))

const shared = ref(0)
let renders = 0
let gate: ComponentInternalInstance | null = null
const Chart = defineComponent({ setup: () => () => { renders++; return h('i', shared.value) } })
const Panel = defineComponent({ setup: () => () => h('div', [h(Chart), h(Chart)]) })
/** stands for slide-top.vue: the one component that must keep running to resume the others */
const Gate = defineComponent({ setup: () => { gate = getCurrentInstance(); return () => h('b', shared.value) } })
const Slide = defineComponent({ setup: () => () => h('section', [h(Panel), h(Gate)]) })

describe('keptSlide', () => {
  it('finds every component under a slide but the gate, pauses them while hidden and catches up once when shown', async () => {
    const w = mount(Slide)
    const root = w.vm.$.subTree.component ?? w.vm.$
    expect(componentsUnder(root, gate).length).toBe(3) // Panel and its two charts
    renders = 0
    const resume = pauseTree(root, gate)
    for (let i = 1; i <= 5; i++) { shared.value = i; await nextTick() }
    expect(renders).toBe(0)
    expect(w.find('b').text()).toBe('5') // the gate itself was not paused
    expect(w.findAll('i').map((e) => e.text())).toEqual(['0', '0'])
    resume()
    await nextTick()
    expect(renders).toBe(2) // one render per chart, not one per change
    expect(w.findAll('i').map((e) => e.text())).toEqual(['5', '5'])
    shared.value = 6
    await nextTick()
    expect(w.findAll('i').map((e) => e.text())).toEqual(['6', '6'])
    w.unmount()
  })
})
