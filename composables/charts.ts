// Chart.js registration and the deck's visual language for charts (ARCHITECTURE §7):
// track accents for the track's own points, Okabe–Ito for series, large labels for a projector.
import {
  BarElement, BubbleController, CategoryScale, Chart, Filler, Legend, LinearScale, LineElement,
  LogarithmicScale, PointElement, Tooltip,
} from 'chart.js'
import type { ChartOptions } from 'chart.js'
import type { TrackId } from '../engine'

Chart.register(BarElement, BubbleController, CategoryScale, Filler, Legend, LinearScale, LineElement, LogarithmicScale, PointElement, Tooltip)
Chart.defaults.font.size = 16
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
Chart.defaults.color = '#1f2937'

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
    plugins: { legend: { labels: { font: { size: 15 }, usePointStyle: true } }, tooltip: { bodyFont: { size: 15 }, titleFont: { size: 15 } } },
  } as ChartOptions<T>
}
