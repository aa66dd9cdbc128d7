// Stand-ins for what component tests cannot load: vue-chartjs (chart.js cannot draw in happy-dom; tests read the
// stubs' data/options props) and the Slidev glue.
import { defineComponent, h, ref } from 'vue'
import type { VueWrapper } from '@vue/test-utils'
import type { CurrentPoint } from '../../composables/charts'

const stub = (name: string) =>
  defineComponent({ name, props: ['data', 'options', 'plugins'], render: () => h('canvas', { 'data-stub': name }) })

export const chartStubs = { Line: stub('Line'), Bar: stub('Bar'), Bubble: stub('Bubble') }

/** Stand-in for the Slidev glue (`composables/slidev`): a deck on screen, not printing, on the current slide. */
export const slidevStub = {
  useNav: () => ({ isPrintMode: ref(false) }),
  useSlideContext: () => ({ $renderContext: ref('slide') }),
  useIsSlideActive: () => ref(true),
}

/** The marker a stubbed chart's "you are here" plugin draws (composables/charts.ts: useCurrentPoint), or null. */
export function currentPoint(chart: Pick<VueWrapper, 'props'>): CurrentPoint | null {
  const plugin = (((chart.props() as { plugins?: unknown[] }).plugins ?? []) as { id: string; point?: () => CurrentPoint | null }[]).find((p) => p.id === 'currentPoint')
  if (!plugin?.point) throw new Error('the chart has no currentPoint plugin')
  return plugin.point()
}
