// "You are here" on a chart (composables/charts.ts: useCurrentPoint): the marker is drawn at the point, in the look of its
// dataset, and a move redraws the chart instead of updating it.
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref, watch } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import type { Chart } from 'chart.js'
import { useCurrentPoint } from '../../composables/charts'
import type { CurrentPoint } from '../../composables/charts'

/** A chart with a linear pixel mapping (x → 10x, y → 100 − y), one marker dataset and a canvas context that records. */
function fakeChart(visible = true) {
  const ctx = { save: vi.fn(), restore: vi.fn(), beginPath: vi.fn(), arc: vi.fn(), fill: vi.fn(), stroke: vi.fn(), closePath: vi.fn(),
    moveTo: vi.fn(), lineTo: vi.fn(), fillStyle: '', strokeStyle: '', lineWidth: 0 }
  const chart = {
    ctx,
    data: { datasets: [{ key: 'curve', label: 'curve', data: [] }, { key: 'you', label: 'you', data: [], pointStyle: 'circle', pointRadius: 9, borderWidth: 3, borderColor: '#111827', backgroundColor: '#dc2626' }] },
    scales: { x: { getPixelForValue: (v: number) => 10 * v }, y: { getPixelForValue: (v: number) => 100 - v } },
    isDatasetVisible: () => visible,
    draw: vi.fn(),
  }
  return chart
}

/** `chartSetup` runs in the chart component's own setup, as vue-chartjs's watchers do (a child: after the marker's). */
function host(point: () => CurrentPoint | null, chart: ReturnType<typeof fakeChart>, chartSetup = () => {}) {
  let plugin!: ReturnType<typeof useCurrentPoint>['plugin']
  const Line = defineComponent({
    setup: (_, { expose }) => {
      expose({ chart })
      chartSetup()
      return () => h('canvas')
    },
  })
  const w = mount(defineComponent({
    setup() {
      plugin = useCurrentPoint('line', point).plugin
      return () => h(Line, { ref: 'line' })
    },
  }))
  return { w, plugin: () => plugin }
}

describe('useCurrentPoint', () => {
  it('draws the marker at the point, in its dataset\'s look, after the datasets', () => {
    const chart = fakeChart()
    const { plugin } = host(() => ({ key: 'you', x: 4, y: 30 }), chart)
    plugin().afterDatasetsDraw!(chart as unknown as Chart, {} as never, {}, undefined as never)
    expect(chart.ctx.arc).toHaveBeenCalledWith(40, 70, 9, 0, 2 * Math.PI)
    expect([chart.ctx.fillStyle, chart.ctx.strokeStyle, chart.ctx.lineWidth]).toEqual(['#dc2626', '#111827', 3])
    expect(plugin().point()).toEqual({ key: 'you', x: 4, y: 30 })
  })

  it('draws nothing when there is no point, no dataset of that label, or the dataset is hidden from the legend', () => {
    for (const [point, visible] of [[null, true], [{ key: 'them', x: 1, y: 1 }, true], [{ key: 'you', x: 1, y: 1 }, false]] as const) {
      const chart = fakeChart(visible)
      const { plugin } = host(() => point, chart)
      plugin().afterDatasetsDraw!(chart as unknown as Chart, {} as never, {}, undefined as never)
      expect(chart.ctx.arc).not.toHaveBeenCalled()
    }
  })

  it('redraws the chart when the point moves, and only then', async () => {
    const chart = fakeChart()
    const x = ref(1)
    const other = ref(0)
    host(() => { void other.value; return { key: 'you', x: x.value, y: 5 } }, chart)
    other.value = 1 // the point is read again, but has not moved
    await flushPromises()
    expect(chart.draw).not.toHaveBeenCalled()
    x.value = 2
    await flushPromises()
    expect(chart.draw).toHaveBeenCalledTimes(1)
    x.value = 3
    await flushPromises()
    expect(chart.draw).toHaveBeenCalledTimes(2)
  })

  it('does not redraw when the same change updates the chart, whose own draw shows the marker', async () => {
    const chart = fakeChart()
    const x = ref(1)
    // what vue-chartjs does when the curves changed too: the chart component's watcher (run after the marker's, in the
    // same flush) updates it on the next tick, and the update ends in a draw
    const update = vi.fn(() => plugin().afterDraw!(chart as unknown as Chart, {} as never, {}))
    const { plugin } = host(() => ({ key: 'you', x: x.value, y: 5 }), chart, () => watch(x, () => nextTick(update)))
    x.value = 2
    await flushPromises()
    expect(update).toHaveBeenCalledTimes(1)
    expect(chart.draw).not.toHaveBeenCalled()
  })
})
