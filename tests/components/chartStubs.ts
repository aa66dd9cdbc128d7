// Named stand-ins for vue-chartjs (chart.js cannot draw in happy-dom): tests read their `data`/`options` props.
import { defineComponent, h } from 'vue'

const stub = (name: string) =>
  defineComponent({ name, props: ['data', 'options', 'plugins'], render: () => h('canvas', { 'data-stub': name }) })

export const chartStubs = { Line: stub('Line'), Bar: stub('Bar'), Bubble: stub('Bubble') }
