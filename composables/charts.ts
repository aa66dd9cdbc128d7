// Chart.js registration and the deck's visual language for charts (ARCHITECTURE §7):
// track accents for the track's own points, Okabe–Ito for series, large labels for a projector.
import {
  BarElement, BubbleController, CategoryScale, Chart, Filler, Legend, LinearScale, LineElement,
  LogarithmicScale, PointElement, Tooltip,
} from 'chart.js'
import type { ChartOptions, LegendItem, Plugin, PointStyle } from 'chart.js'
import { drawPoint } from 'chart.js/helpers'
import annotationPlugin from 'chartjs-plugin-annotation'
import ChartDataLabels from 'chartjs-plugin-datalabels'
import { computed, nextTick, useTemplateRef, watch } from 'vue'
import type { ComputedRef } from 'vue'
import type { Recipe, TrackId } from '../engine'
import type { ContractKind } from '../logic/classFrontier'
import type { EnergyPart } from '../logic/ledger'

// Lines, markers and names on a chart are chartjs-plugin-annotation's, for every chart (cheap where a chart has none).
Chart.register(BarElement, BubbleController, CategoryScale, Filler, Legend, LinearScale, LineElement, LogarithmicScale, PointElement, Tooltip,
  annotationPlugin)

/**
 * Values written on bars and points (chartjs-plugin-datalabels), for the charts that write them: `:plugins="[VALUE_LABELS]"`.
 * Not registered for all: it builds a label for every point of every dataset on each update, even hidden ones, which
 * cost the sparsity plot about 1.5 ms of each slider step (profiled in bench:ui's Chromium on the loaded 2-core machine).
 * Where it is passed, it labels nothing unless a dataset or the chart turns it on.
 */
export const VALUE_LABELS = ChartDataLabels
Chart.defaults.set('plugins.datalabels', { display: false })
Chart.defaults.font.size = 16
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
Chart.defaults.color = '#1f2937'

/** Chart text sizes in canvas px on the 980-px slide (×1.31 at 1280×720): ticks and titles 21 px there, legends 23 px. */
export const CHART_TEXT = { tick: 16, title: 16, legend: 18 } as const

/**
 * Legend entries that look like what they stand for, for every chart: a line-only series (no points drawn) shows a
 * short line in its own dash (lines differ without colour), a point series its marker. Outlines are capped at 2 px:
 * chart.js draws the marker with the series' own border width, and a 3-px ring spilled over the label's first letters.
 */
const plainLabels = Chart.defaults.plugins.legend.labels.generateLabels
Chart.defaults.plugins.legend.labels.generateLabels = (chart: Chart): LegendItem[] =>
  plainLabels(chart).map((item) => {
    const ds = chart.data.datasets[item.datasetIndex ?? -1] as
      | { pointRadius?: unknown; showLine?: boolean; type?: string; borderDash?: number[]; borderWidth?: unknown; borderColor?: unknown }
      | undefined
    const lineOnly = !!ds && ds.pointRadius === 0 && ds.showLine !== false && (ds.type ?? (chart.config as { type?: string }).type) === 'line'
    if (!lineOnly) return { ...item, lineWidth: Math.min(item.lineWidth ?? 1, 2) }
    // with point styles on, chart.js styles the entry from the first point (no dash): take the line's own look
    const width = typeof ds.borderWidth === 'number' ? ds.borderWidth : 2
    const color = typeof ds.borderColor === 'string' ? ds.borderColor : item.strokeStyle
    return { ...item, pointStyle: 'line', lineDash: ds.borderDash ?? [], lineWidth: Math.min(width, 3), strokeStyle: color }
  })
// A marker a little smaller than the text and clear gaps: the point's radius is boxHeight·√2/2, so a box as tall as the
// font (with a thick ring) drew a marker wider than its slot, touching the label (issue 11). 14 px draws lines 20 px long.
Chart.defaults.plugins.legend.labels.boxHeight = 14
Chart.defaults.plugins.legend.labels.padding = 20

/** The deck's legend: above the plot, point-style markers, text as large as the slide's helper text. */
export function legendOptions(position: 'top' | 'bottom' | 'right' = 'top') {
  return { position, labels: { font: { size: CHART_TEXT.legend }, usePointStyle: true } }
}

/** One accent per track: badge, points and lines of that track. */
export const TRACK_ACCENT: Record<TrackId, string> = {
  cloud: '#4338ca', // indigo
  edge: '#dc2626', // red
  mobile: '#ea580c', // orange
  tiny: '#16a34a', // green
}

/** The same hues, dark enough for text (WCAG AA, ≥ 4.5:1 on white and on a 10% tint of the accent): the mobile
 *  orange (3.6:1) and tiny green (3.3:1) accents are for marks, dots and borders, never for words. */
export const TRACK_INK: Record<TrackId, string> = {
  cloud: '#4338ca', // indigo-700, 7.9:1
  edge: '#b91c1c', // red-700, 6.5:1
  mobile: '#c2410c', // orange-700, 5.2:1
  tiny: '#15803d', // green-700, 5.0:1
}

/** Okabe–Ito colour-blind-safe palette for series inside charts. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
} as const

/** Dashes so that lines differ without colour. */
export const DASH = { solid: [], dashed: [8, 6], dotted: [2, 4], dashDot: [8, 4, 2, 4] } as const

/** Options every chart in the deck starts from; animation off (sliders drag, print mode is static). */
export function baseOptions<T extends 'line' | 'bar' | 'bubble' | 'scatter'>(): ChartOptions<T> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: { legend: legendOptions(), tooltip: { bodyFont: { size: CHART_TEXT.tick }, titleFont: { size: CHART_TEXT.tick } } },
  } as ChartOptions<T>
}

/** The class's contracts (logic/classFrontier.ts) are coloured from the Okabe–Ito series palette by kind (and told by
 *  shape too); the track's accent stays for its frontier line. */
export const KIND_COLOR: Record<ContractKind, string> = { heavy: OKABE_ITO.vermillion, light: OKABE_ITO.blue, other: OKABE_ITO.purple }

/** The energy split's segments (logic/ledger.ts), from the same palette, each with a text colour that reads on it
 *  (≥ 4.5:1: white on blue, black on orange and sky blue); the segments also carry their words and shares. */
export const ENERGY_PART_COLOR: Record<EnergyPart, { fill: string; ink: string }> = {
  compute: { fill: OKABE_ITO.blue, ink: '#ffffff' },
  dataMovement: { fill: OKABE_ITO.orange, ink: OKABE_ITO.black },
  static: { fill: OKABE_ITO.skyBlue, ink: OKABE_ITO.black },
}

/**
 * The recipe a chart's curves are drawn for: the recipe with the fields its curves span set to fixed values (a curve over
 * every pruning ratio does not depend on the ratio the slider holds). The same object is returned while the other fields
 * are unchanged, so a drag of that control recomputes none of the curves, only the marker that says where you are.
 */
export function useCurveRecipe(recipe: () => Recipe, spanned: Partial<Recipe>): ComputedRef<Recipe> {
  return computed((prev) => {
    const next = { ...recipe(), ...spanned }
    return prev && (Object.keys(next) as (keyof Recipe)[]).every((k) => prev[k] === next[k]) ? prev : next
  })
}

/** A dataset's own name for code (its `label` is what the legend shows, and may change): chart.js keeps extra fields. */
export type Keyed<T> = T & { key?: string }
export const datasetKey = (dataset: object): string | undefined => (dataset as Keyed<object>).key

/** Where the recipe sits on a chart: drawn in the look of the dataset whose `key` is `key`. */
export interface CurrentPoint { key: string; x: number; y: number }

/**
 * "You are here" on a chart whose curves do not depend on where you are. The dataset keyed `point().key` carries
 * the marker's look and its legend entry, with no data; a plugin of this chart draws the marker at `point()` after the
 * datasets, and a move redraws the canvas (`chart.draw()`) instead of updating the chart. An update resolves every
 * option and lays out every axis again: ~7 ms of each ~10 ms precision click, what kept the workbenches' controls over
 * bench:ui's 12-ms budget (profiled in Chromium); a redraw is the ~1.7 ms of drawing alone.
 * The chart's axes must already span every place the marker can go (it lies on a curve the chart draws). Hovering the
 * marker shows no tooltip (it is no data point); the readouts beside the chart say its values.
 * Use: `const { plugin } = useCurrentPoint('line', () => …)` and `<Line ref="line" :plugins="[plugin]" …>`.
 */
export function useCurrentPoint(chartRef: string, point: () => CurrentPoint | null) {
  const line = useTemplateRef<{ chart?: Chart | null }>(chartRef)
  // the same object while the marker stays put (a change elsewhere in the recipe redraws nothing)
  const at = computed<CurrentPoint | null>((prev) => {
    const p = point()
    return prev && p && prev.key === p.key && prev.x === p.x && prev.y === p.y ? prev : p
  })
  /** the marker moved and no draw of the chart has shown it yet */
  let stale = false
  const plugin: Plugin & { point: () => CurrentPoint | null } = {
    id: 'currentPoint',
    point: () => at.value,
    afterDraw() { stale = false },
    afterDatasetsDraw(chart) {
      const p = at.value
      const i = p ? chart.data.datasets.findIndex((d) => datasetKey(d) === p.key) : -1
      if (!p || i < 0 || !chart.isDatasetVisible(i)) return
      const look = chart.data.datasets[i] as { pointStyle?: PointStyle; pointRadius?: number; borderWidth?: number; borderColor?: string; backgroundColor?: string }
      const { ctx, scales } = chart
      ctx.save()
      ctx.strokeStyle = look.borderColor ?? '#111827'
      ctx.fillStyle = look.backgroundColor ?? '#111827'
      ctx.lineWidth = look.borderWidth ?? 2
      drawPoint(ctx, { pointStyle: look.pointStyle ?? 'circle', radius: look.pointRadius ?? 6, borderWidth: ctx.lineWidth, rotation: 0 },
        scales.x.getPixelForValue(p.x), scales.y.getPixelForValue(p.y))
      ctx.restore()
    },
  }
  // A change that also changes the curves updates the chart on the next tick (vue-chartjs), which draws the marker too:
  // redraw after that tick, and only if no draw came in between (one draw per change, not two).
  watch(at, () => {
    stale = true
    nextTick(() => queueMicrotask(() => { if (stale) line.value?.chart?.draw() }))
  })
  return { plugin }
}
