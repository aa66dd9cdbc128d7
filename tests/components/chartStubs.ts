// Stand-ins for what component tests cannot load: vue-chartjs (chart.js cannot draw in happy-dom; tests read the
// stubs' data/options props) and the Slidev glue.
import { defineComponent, h, ref } from 'vue'

const stub = (name: string) =>
  defineComponent({ name, props: ['data', 'options', 'plugins'], render: () => h('canvas', { 'data-stub': name }) })

export const chartStubs = { Line: stub('Line'), Bar: stub('Bar'), Bubble: stub('Bubble') }

/** Stand-in for the Slidev glue (`composables/slidev`): a deck on screen, not printing, on the current slide. */
export const slidevStub = {
  useNav: () => ({ isPrintMode: ref(false) }),
  useSlideContext: () => ({ $renderContext: ref('slide') }),
  useIsSlideActive: () => ref(true),
}
