// Tiny Pioneer: a hearable's keyword/voice network (DS-CNN family) on a Cortex-M55 + Ethos-U55 MCU with 256 KB SRAM.
import { CHANNELS_ELASTICITY, BITS_PER_DECADE, k, sramEnergyPerByte } from '../constants'
import { bitsHalfFromAnchor, channelCurve, quantCurve } from '../accuracy'
import type { ModelDef, TrackSpec } from '../spec'
import { CNN_PTQ, CNN_TRAINED, LSQ, RESNET_CHANNEL_EXPONENT } from './cnn'
import { check, teacherName } from './story'
import { sig } from '../format'
import { FAST_PATH_EFFICIENCY } from './common'

const T = 'tiny'
const STORY_FACTOR = k(T, 'storyboard: compression to boot', 4, '×', 'storyboard (seed): "Your model is 1MB; your on-chip memory is 256KB. You must compress 4x just to boot"', 'published')
const HELLO = 'ARM-software/ML-zoo keyword_spotting ds_cnn_small / ds_cnn_medium / ds_cnn_large READMEs (Speech Commands test set, the Hello Edge architectures of Zhang et al. 2017): FP32 93.89 / 94.27 / 95.03%'
// Post-training INT8 of the same architecture, measured by Arm: FP32 95.03% → INT8 94.52% (DS-CNN-L, ML-Zoo, test set).
const ARM_ZOO = 'ARM-software/ML-zoo keyword_spotting ds_cnn_large README (test set): FP32 95.03%, post-training INT8 94.52%'
const L_PTQ_HALF = bitsHalfFromAnchor(95.03, 100 / 12, 8, 94.52, CNN_PTQ.slope)
const ARCH = 'ARM-software/ML-KWS-for-MCU train_commands.txt (the Hello Edge DS-CNN layer specs): 49×10 MFCC input'
const MCU = 'assumption: hearable-class Cortex-M55 + Ethos-U55-128 at 200 MHz'

/** A DS-CNN from its published layer spec: one conv (10×4 kernel, stride st1) then depthwise-separable 3×3 layers. */
interface Ds { id: string; name: string; acc: number; ch: number; st1: [number, number]; ds: [number, number][]; fragility: number }
const ROWS: Ds[] = [
  { id: 'ds-cnn-l', name: 'DS-CNN-L', acc: 95.03, ch: 276, st1: [2, 1], ds: [[2, 2], [1, 1], [1, 1], [1, 1], [1, 1]], fragility: 1.5 },
  { id: 'ds-cnn-m', name: 'DS-CNN-M', acc: 94.27, ch: 172, st1: [2, 1], ds: [[2, 2], [1, 1], [1, 1], [1, 1]], fragility: 2 },
  { id: 'ds-cnn-s', name: 'DS-CNN-S', acc: 93.89, ch: 64, st1: [2, 2], ds: [[1, 1], [1, 1], [1, 1], [1, 1]], fragility: 3 },
]
const CLASSES = 12

/** params (conv weights + biases, BN folded, FC), MACs, output elements per layer — counted from the spec */
function count(r: Ds) {
  let h = Math.ceil(49 / r.st1[0]), w = Math.ceil(10 / r.st1[1])
  let params = 10 * 4 * r.ch + r.ch, macs = h * w * r.ch * 40
  const outs = [h * w * r.ch]
  for (const [sh, sw] of r.ds) {
    h = Math.ceil(h / sh); w = Math.ceil(w / sw)
    params += 9 * r.ch + r.ch + r.ch * r.ch + r.ch
    macs += h * w * r.ch * (9 + r.ch)
    outs.push(h * w * r.ch, h * w * r.ch) // depthwise output, pointwise output
  }
  params += r.ch * CLASSES + CLASSES
  macs += r.ch * CLASSES
  // peak live: the largest (input + output) pair of consecutive feature maps
  let peak = 0
  for (let i = 1; i < outs.length; i++) peak = Math.max(peak, outs[i - 1] + outs[i])
  return { params, macs, peak, traffic: outs.reduce((s, x) => s + 2 * x, 0), convs: 1 + 2 * r.ds.length }
}

const L_PARAMS = count(ROWS[0]).params
// Channel pruning of a DS-CNN: no published pruning curve for DS-CNN was found, so the family's own narrower members
// stand in (Liu et al. ICLR 2019, "Rethinking the Value of Network Pruning": a pruned architecture trained from scratch
// matches the fine-tuned pruned model). Work removed vs DS-CNN-L from the counted MACs; drops from HELLO.
const L_MACS = count(ROWS[0]).macs
const DS_CHANNELS = ROWS.slice(1).map((r) => [1 - count(r).macs / L_MACS, Number((ROWS[0].acc - r.acc).toFixed(2))] as [number, number])
const models: ModelDef[] = ROWS.map((r) => {
  const n = r.name
  const c = count(r)
  const shift = BITS_PER_DECADE.value * Math.log10(25.557e6 / c.params)
  return {
    id: r.id, name: n,
    params: k(T, `${n} parameters`, c.params, 'weights', `${ARCH}: counted (conv + depthwise + pointwise weights and biases, BN folded, FC to ${CLASSES} classes)`, 'derived'),
    accuracy: k(T, `${n} accuracy`, r.acc, '%', HELLO, 'published'),
    macs: k(T, `${n} MACs per inference`, c.macs, 'MAC', `${ARCH}: counted; ×2 ≈ the paper's "Ops" (S 5.4M, M 19.8M, L 56.9M)`, 'derived'),
    outChannels: k(T, `${n} output channels (sum)`, c.convs * r.ch + CLASSES, 'channels', `${c.convs} conv layers × ${r.ch} + ${CLASSES}-class head`, 'derived'),
    actPeakBytes16: k(T, `${n} activation peak`, c.peak * 2, 'B', 'largest input + output feature-map pair, 2 B each', 'derived'),
    actTrafficBytes16: k(T, `${n} activation traffic`, c.traffic * 2, 'B', 'every feature map written and read once, 2 B', 'derived'),
    layers: k(T, `${n} layers`, 0, 'layers', 'per-layer overhead folded into feature extraction', 'assumption'),
    quant: {
      ptq: r.id === 'ds-cnn-l'
        ? quantCurve(T, `${n} post-training quantization`, CNN_PTQ.slope, L_PTQ_HALF, `${ARM_ZOO}, with the CNN post-training slope (Krishnamoorthi 2018)`, 'derived')
        : quantCurve(T, `${n} post-training quantization`, CNN_PTQ.slope, L_PTQ_HALF + BITS_PER_DECADE.value * Math.log10(L_PARAMS / c.params), `assumption: the DS-CNN-L post-training fit (${ARM_ZOO}) + ${BITS_PER_DECADE.value} bit per decade fewer parameters`, 'assumption'),
      trained: quantCurve(T, `${n} training-aware quantization`, CNN_TRAINED.slope, CNN_TRAINED.bitsHalf + shift, `assumption: the ResNet-50 training-aware fit (${LSQ}) + ${BITS_PER_DECADE.value} bit per decade fewer parameters (${shift.toFixed(2)} bit)`, 'assumption'),
    },
    pruneFragility: k(T, `${n} pruning fragility`, r.fragility, '× ResNet-50 curve', 'assumption: tiny nets have little redundancy', 'assumption'),
    ...(r.id === 'ds-cnn-l' ? {} : { kdRecovery: k(T, `${n} distillation: share of the gap to the teacher recovered`, (146 - 74) / (146 - 67), '', 'Hinton et al. 2015 §3 (MNIST, a small task like keyword spotting): a net of two 800-unit layers alone 146 test errors, distilled at T = 20 from the 1,200-unit teacher 74, teacher 67: (146 − 74)/(146 − 67). Assumption: keyword spotting behaves like MNIST (no published KD result for a DS-CNN was found); that net is large by the engine\'s capacity measure, so for the small DS-CNN-S this is optimistic: with the ImageNet pairs\' 0.36 DS-CNN-M would clear Tiny\'s floor by about 0.1 point', 'assumption') }),
    // two family members fix a scale, not a shape (a free fit gives q ≈ 0.25: steepest at 0%, which no pruning curve is)
    channelCurve: channelCurve(T, n, r.acc - 100 / CLASSES, DS_CHANNELS, `assumption: the DS-CNN family as a channel-pruning curve (${HELLO}; narrower and shallower members standing in for a pruned DS-CNN-L, after Liu et al. ICLR 2019), with the ResNet-50 curve's shape`, 'assumption', RESNET_CHANNEL_EXPONENT),
  }
})

const U55 = k(T, 'Ethos-U55 INT8 throughput', 128 * 200e6, 'MAC/s', `Arm Ethos-U55: 32-256 INT8 MACs/cycle (facts.md); ${MCU}: 128 × 200 MHz`, 'derived')
const M55 = k(T, 'Cortex-M55 FP16 throughput', 4 * 200e6, 'MAC/s', `assumption: Helium (MVE) dual-beat → ~4 FP16 MACs/cycle × 200 MHz; the U55 has no FP16`, 'assumption')
const one = FAST_PATH_EFFICIENCY(T)

export const tiny: TrackSpec = {
  id: 'tiny', name: 'Tiny Pioneer', persona: 'Hearable Lead',
  mission: 'Neural isolation in < 10 ms under 1 mW.',
  stakeholder: { role: 'Hardware Lead', demand: 'Cut the energy per inference (and with it the average power) by a further 20% for a smaller battery, staying in spec.', powerCutFraction: 0.2 },
  metric: { name: 'keyword accuracy (Speech Commands, 12 classes)', unit: '%', chance: k(T, 'chance level (12 classes)', 100 / 12, '%', '1 of 12 classes', 'derived') },
  machine: {
    name: 'Cortex-M55 + Ethos-U55 hearable MCU',
    main: {
      name: 'flash',
      capacityBytes: k(T, 'flash', 4e6, 'B', `${MCU}: 4 MB flash`, 'assumption'),
      bandwidthBps: k(T, 'flash read bandwidth', 100e6, 'B/s', 'assumption: execute-in-place flash ~100 MB/s', 'assumption'),
      energyPerByteJ: k(T, 'flash read energy per byte', 50e-12, 'J/B', 'assumption: ~8× the 256 KB SRAM figure; no published pJ/byte for MCU flash was found (datasheets give run current per MHz only)', 'assumption'),
    },
    onChip: {
      name: 'SRAM',
      capacityBytes: k(T, 'SRAM', 256 * 1024, 'B', 'storyboard: 256 KB on-chip memory', 'assumption'),
      bandwidthBps: k(T, 'SRAM bandwidth', 16 * 200e6, 'B/s', `${MCU}: 128-bit bus × 200 MHz`, 'assumption'),
      energyPerByteJ: k(T, 'SRAM energy per byte', sramEnergyPerByte(256 * 1024, '45nm'), 'J/B', 'Horowitz 45 nm SRAM read energy, log-interpolated between 32 KB and 1 MB', 'derived'),
    },
    fitLevel: 'onChip',
    node: '45nm', nodeSource: 'assumption: MCUs are built on 22-55 nm processes; Horowitz\'s 45 nm figures are the nearest published',
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
    sparse24MathSpeedup: k(T, '2:4 math speedup', 1, '×', 'assumption: no sparse MAC skipping on Ethos-U55', 'assumption'),
    sparse24Efficiency: k(T, '2:4 decode efficiency', 0.8, '', 'assumption: regular 2:4 metadata is cheaper to decode', 'assumption'),
    unstructured: { loads: [{ format: 'bitmap', name: 'bitmap (Ethos-U weight decoder)', source: 'assumption: pruned weights compressed as the Ethos-U weight decoder does (Vela compresses weights losslessly; zeros cost ~1 bit); the MACs still run', overhead: null }] },
    channelsElasticity: CHANNELS_ELASTICITY,
    activePowerW: k(T, 'MCU + NPU busy power outside MACs and memory', 3e-3, 'W', `${MCU}: clocks, leakage and control (~15 µW/MHz)`, 'assumption'),
  },
  baseline: 'ds-cnn-l', models, lockStudent: 'ds-cnn-s',
  batch: k(T, 'batch size', 1, 'windows', 'one audio window per inference', 'assumption'),
  restFixedMs: k(T, 'feature extraction per inference', 1, 'ms', 'assumption: MFCC of one hop on the M55, not accelerated by compressing the network', 'assumption'),
  restPerLayerMs: k(T, 'per-layer overhead', 0, 'ms', 'folded into feature extraction', 'assumption'),
  ratePerS: k(T, 'inference rate', 25, 'inferences/s', `assumption (game design): one inference every 40 ms over the sliding 1 s window (${ARCH}); the storyboard gives no rate, and this one sets the 1 mW crisis`, 'assumption'),
  baselinePowerW: k(T, 'sleep power between inferences', 10e-6, 'W', 'assumption: retention sleep of a hearable MCU', 'assumption'),
  baselineWhenIdle: true,
  prune24Penalty: k(T, '2:4 vs unstructured loss at 50%', 1.5, '×', 'assumption: 2:4 costs a little more than unstructured (Mishra et al. 2021)', 'assumption'),
  budgets: [
    { name: 'memory', sense: 'max', limit: k(T, 'memory budget (SRAM)', 256, 'KiB', 'storyboard: 256 KB on-chip SRAM. What must fit it: the activation arena, and the weights if they are to be read from SRAM rather than flash (the storyboard\'s "fit to boot" restated as MCU runtimes work)', 'assumption') },
    { name: 'latency', sense: 'max', limit: k(T, 'latency budget', 10, 'ms', 'storyboard: < 10 ms', 'assumption') },
    { name: 'power', sense: 'max', limit: k(T, 'average power budget', 1, 'mW', 'storyboard: under 1 mW', 'assumption') },
    { name: 'accuracy', sense: 'min', limit: k(T, 'accuracy floor', 95.03 - 1, '%', 'assumption: ≤ 1 point below DS-CNN-L (95.03, test set)', 'assumption') },
  ],
  story: {
    crisis: (e, spec) => {
      const m = e.memory, kib = m.totalBytes / 1024, cap = m.capacityBytes / 1024
      const lat = check(e, 'latency'), pw = check(e, 'power')
      return `The FP16 ${teacherName(spec)} needs ${sig(kib)} KiB (${sig(m.weightsBytes / 1024)} KiB of weights + ${sig(m.activationsBytes / 1024)} KiB of activations) and the SRAM holds ${cap} KiB: the weights stream from ${m.weightsLevel} every inference, ${sig(lat.value, 2)} ms and ${sig(pw.value, 2)} mW against < ${lat.limit} ms under ${pw.limit} mW. To sit in SRAM beside the activations the weights must shrink ${sig(m.weightsBytes / 1024 / (cap - m.activationsBytes / 1024), 2)}× (the storyboard's "compress ${STORY_FACTOR.value}× to boot" counts a 1 MB model alone).`
    },
    headline: (e) => `${sig(e.memory.totalBytes / 1024)} KiB at FP16 vs ${e.memory.capacityBytes / 1024} KiB of SRAM: ${sig(e.latencyMs, 2)} ms from ${e.memory.weightsLevel}`,
    impact: (x, spec) => [
      { label: 'average power', value: x.powerW * 1e3, unit: 'mW' },
      { label: 'energy per inference', value: x.energyJ * 1e6, unit: 'µJ' },
      { label: 'duty cycle', value: Math.min(1, spec.ratePerS.value * x.latencyS) * 100, unit: '%' },
    ],
    byteUnits: 'iec',
    energyUnit: 'µJ',
  },
}
