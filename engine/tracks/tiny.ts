// Tiny Pioneer: a hearable's keyword/voice network (DS-CNN family) on a Cortex-M55 + Ethos-U55 MCU with 256 KB SRAM.
import { E_SRAM_256KB_BYTE, k } from '../constants'
import type { ModelDef, TrackSpec } from '../spec'
import { CNN_FIT, TEXTBOOK } from './cnn'
import { kdConstants } from './common'

const T = 'tiny'
const HELLO = 'Zhang et al. 2017 "Hello Edge: Keyword Spotting on Microcontrollers", DS-CNN table (Speech Commands, 12 classes); figures recalled, re-verify'
const MCU = 'assumption: hearable-class Cortex-M55 + Ethos-U55-128 at 200 MHz'

interface Ds { id: string; name: string; params: number; acc: number; macs: number; channels: number; dsLayers: number; fragility: number; kdT: number }
const ROWS: Ds[] = [
  { id: 'ds-cnn-l', name: 'DS-CNN-L', params: 497_600, acc: 95.4, macs: 56.9e6, channels: 276, dsLayers: 5, fragility: 1.5, kdT: 4 },
  { id: 'ds-cnn-m', name: 'DS-CNN-M', params: 189_200, acc: 94.9, macs: 19.8e6, channels: 172, dsLayers: 4, fragility: 2, kdT: 3 },
  { id: 'ds-cnn-s', name: 'DS-CNN-S', params: 38_600, acc: 94.4, macs: 5.4e6, channels: 64, dsLayers: 4, fragility: 3, kdT: 3 },
]
const POSITIONS = 25 * 5 // 49×10 MFCC input, first conv stride 2 → 25×5 feature map

const models: ModelDef[] = ROWS.map((r) => {
  const n = r.name
  const convs = 1 + 2 * r.dsLayers
  const shift = 0.3 * Math.log10(25.557e6 / r.params)
  return {
    id: r.id, name: n,
    params: k(T, `${n} parameters`, r.params, 'weights', `${HELLO}: memory at 8-bit ≈ parameters`, 'published'),
    accuracy: k(T, `${n} accuracy`, r.acc, '%', HELLO, 'published'),
    macs: k(T, `${n} MACs per inference`, r.macs, 'MAC', `${HELLO}: "Ops" taken as multiply-accumulates (assumption)`, 'published'),
    outChannels: k(T, `${n} output channels (sum)`, convs * r.channels + 12, 'channels', `${convs} conv layers × ${r.channels} + 12-class head`, 'derived'),
    actPeakBytes16: k(T, `${n} activation peak`, 2 * POSITIONS * r.channels * 2, 'B', `input + output feature map (25×5×${r.channels}) at 2 B`, 'derived'),
    actTrafficBytes16: k(T, `${n} activation traffic`, convs * POSITIONS * r.channels * 2 * 2, 'B', 'every feature map written and read once, 2 B', 'derived'),
    layers: k(T, `${n} layers`, 0, 'layers', 'per-layer overhead folded into feature extraction', 'assumption'),
    bitsHalf: k(T, `${n} quantization half-loss bit width`, CNN_FIT.bitsHalf + shift, 'bit', `assumption: ResNet-50 fit to the ${TEXTBOOK} + 0.3 bit per decade fewer parameters (${shift.toFixed(2)})`, 'assumption'),
    pruneFragility: k(T, `${n} pruning fragility`, r.fragility, '× ResNet-50 curve', 'assumption: tiny nets have little redundancy', 'assumption'),
    kdTemperature: k(T, `${n} distillation temperature optimum`, r.kdT, '', 'assumption within Hinton et al. 2015 "typically 3 to 5"', 'assumption'),
  }
})

const U55 = k(T, 'Ethos-U55 INT8 throughput', 128 * 200e6, 'MAC/s', `Arm Ethos-U55: 32-256 INT8 MACs/cycle (facts.md); ${MCU}: 128 × 200 MHz`, 'derived')
const M55 = k(T, 'Cortex-M55 FP16 throughput', 4 * 200e6, 'MAC/s', `assumption: Helium (MVE) dual-beat → ~4 FP16 MACs/cycle × 200 MHz; the U55 has no FP16`, 'assumption')
const one = k(T, 'fast-path kernel efficiency', 1, '', 'native precision: no dequantization work', 'assumption')

export const tiny: TrackSpec = {
  id: 'tiny', name: 'Tiny Pioneer', persona: 'Hearable Lead',
  mission: 'Neural isolation in < 10 ms under 1 mW.',
  stakeholder: { role: 'Hardware Lead', demand: 'Cut the average power by a further 20% for a smaller battery, staying in spec.', powerCutFraction: 0.2 },
  metric: { name: 'keyword accuracy (Speech Commands, 12 classes)', unit: '%', chance: k(T, 'chance level (12 classes)', 100 / 12, '%', '1 of 12 classes', 'derived') },
  machine: {
    name: 'Cortex-M55 + Ethos-U55 hearable MCU',
    main: {
      name: 'flash',
      capacityBytes: k(T, 'flash', 4e6, 'B', `${MCU}: 4 MB flash`, 'assumption'),
      bandwidthBps: k(T, 'flash read bandwidth', 100e6, 'B/s', 'assumption: execute-in-place flash ~100 MB/s', 'assumption'),
      energyPerByteJ: k(T, 'flash read energy per byte', 50e-12, 'J/B', 'assumption: ~8× the SRAM figure', 'assumption'),
    },
    onChip: {
      name: 'SRAM',
      capacityBytes: k(T, 'SRAM', 256 * 1024, 'B', 'storyboard: 256 KB on-chip memory', 'assumption'),
      bandwidthBps: k(T, 'SRAM bandwidth', 16 * 200e6, 'B/s', `${MCU}: 128-bit bus × 200 MHz`, 'assumption'),
      energyPerByteJ: E_SRAM_256KB_BYTE,
    },
    fitLevel: 'onChip',
    bandwidthUtilisation: k(T, 'memory bandwidth utilisation', 0.8, '', 'assumption', 'assumption'),
    paths: {
      fp16: { fastPath: true, execAs: 'fp16', macsPerS: M55, utilisation: k(T, 'M55 utilisation', 0.6, '', 'assumption: CMSIS-NN-class kernels', 'assumption'), actBits: 16, dequantEfficiency: one, unit: 'Cortex-M55 Helium FP16 (the NPU has no FP16)' },
      int8: { fastPath: true, execAs: 'int8', macsPerS: U55, utilisation: k(T, 'U55 utilisation', 0.5, '', 'assumption: small layers keep the MAC array half busy', 'assumption'), actBits: 8, dequantEfficiency: one, unit: 'Ethos-U55 INT8 MACs' },
      int4: { fastPath: false, execAs: 'int8', macsPerS: U55, utilisation: k(T, 'U55 utilisation (INT4 weights)', 0.5, '', 'assumption', 'assumption'), actBits: 8,
        dequantEfficiency: k(T, 'INT4 unpack efficiency', 0.95, '', 'assumption: the U55 weight decoder unpacks INT4 to INT8', 'assumption'), unit: 'Ethos-U55 INT8 MACs after INT4 unpacking' },
      binary: { fastPath: false, execAs: 'int8', macsPerS: U55, utilisation: k(T, 'U55 utilisation (1-bit weights)', 0.5, '', 'assumption', 'assumption'), actBits: 8,
        dequantEfficiency: k(T, '1-bit unpack efficiency', 0.9, '', 'assumption: no binary MACs; unpacked to INT8', 'assumption'), unit: 'Ethos-U55 INT8 MACs after 1-bit unpacking' },
    },
    sparse24: { fp16: false, int8: false, source: 'assumption: no sparse MAC skipping on Ethos-U55' },
    unstructuredEfficiency: k(T, 'unstructured sparse decode efficiency', 0.7, '', 'assumption: index decoding on the MCU', 'assumption'),
    sparse24Efficiency: k(T, '2:4 decode efficiency', 0.8, '', 'assumption: regular 2:4 metadata is cheaper to decode', 'assumption'),
    activePowerW: k(T, 'MCU + NPU busy power outside MACs and memory', 3e-3, 'W', `${MCU}: clocks, leakage and control (~15 µW/MHz)`, 'assumption'),
  },
  baseline: 'ds-cnn-l', models, lockStudent: 'ds-cnn-s',
  batch: k(T, 'batch size', 1, 'windows', 'one audio window per inference', 'assumption'),
  restFixedMs: k(T, 'feature extraction per inference', 1, 'ms', 'assumption: MFCC of one hop on the M55, not accelerated by compressing the network', 'assumption'),
  restPerLayerMs: k(T, 'per-layer overhead', 0, 'ms', 'folded into feature extraction', 'assumption'),
  ratePerS: k(T, 'inference rate', 20, 'inferences/s', 'assumption: one inference per 50 ms audio hop', 'assumption'),
  baselinePowerW: k(T, 'sleep power between inferences', 10e-6, 'W', 'assumption: retention sleep of a hearable MCU', 'assumption'),
  quantSlope: k(T, 'quantization logistic slope', CNN_FIT.slope, '1/bit', `least-squares logistic fit to the ${TEXTBOOK}`, 'derived'),
  prune24Penalty: k(T, '2:4 vs unstructured loss at 50%', 1.5, '×', 'assumption: 2:4 costs a little more than unstructured (Mishra et al. 2021)', 'assumption'),
  kdGapRecovery: k(T, 'distillation: fraction of the gap to the teacher recovered at the optimum', 0.5, '', 'assumption: on small tasks KD recovers much of the gap (Hinton 2015 MNIST: 146 → 74 errors vs teacher 67)', 'assumption'),
  ...kdConstants(T),
  budgets: [
    { name: 'memory', sense: 'max', limit: k(T, 'memory budget (SRAM)', 256, 'KiB', 'storyboard: 256 KB on-chip SRAM; the model must fit to boot', 'assumption') },
    { name: 'latency', sense: 'max', limit: k(T, 'latency budget', 10, 'ms', 'storyboard: < 10 ms', 'assumption') },
    { name: 'power', sense: 'max', limit: k(T, 'average power budget', 1, 'mW', 'storyboard: under 1 mW', 'assumption') },
    { name: 'accuracy', sense: 'min', limit: k(T, 'accuracy floor', 95.4 - 1, '%', 'assumption: ≤ 1 point below DS-CNN-L (95.4)', 'assumption') },
  ],
}
