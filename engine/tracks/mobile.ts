// Mobile Nomad: 60 FPS AR translation on glasses with an AR1-class NPU (assumed: no public figures).
import { CHANNELS_ELASTICITY, MEMORY_ENERGY, k, sramEnergyPerByte } from '../constants'
import type { TrackSpec } from '../spec'
import { IMAGENET_CHANCE, cnnModels } from './cnn'
import { FAST_PATH_EFFICIENCY } from './common'
import { check } from './story'
import { sig } from '../format'

/** joules in a milliwatt-hour */
const J_PER_MWH = 3.6

const T = 'mobile'
// The storyboard's own crisis figures, quoted beside what the engine finds for this machine.
const STORY_MIN = k(T, 'storyboard: battery life at FP16', 20, 'min', 'storyboard (seed): "Running FP16 filters drains the glasses in 20 minutes"', 'published')
const STORY_FACTOR = k(T, 'storyboard: energy efficiency needed', 10, '×', 'storyboard (seed): "You need 10x energy efficiency"', 'published')
const SOC = 'assumption: AR1/AR2-class glasses NPU; no public throughput figures'
const models = cnnModels(T, ['resnet50', 'resnet18', 'mobilenetv2'], 384, 384, 1.25,
  'assumption: scene-text detection/recognition heads add 25%')

const INT8 = k(T, 'NPU dense INT8 throughput', 4e12, 'MAC/s', `${SOC}: 8 TOPS INT8 dense`, 'assumption')
const FP16 = k(T, 'NPU FP16 throughput', 2e12, 'MAC/s', `${SOC}: FP16 at half the INT8 rate`, 'assumption')
const UTIL = k(T, 'NPU utilisation', 0.5, '', 'assumption', 'assumption')
const one = FAST_PATH_EFFICIENCY(T)

export const mobile: TrackSpec = {
  id: 'mobile', name: 'Mobile Nomad', persona: 'AR Glasses Dev',
  mission: '60 FPS AR translation.',
  stakeholder: { role: 'UX Designer', demand: 'Cut the translation\'s energy per frame by a further 20% so the frames stay cool on the face, without leaving the accuracy floor.', powerCutFraction: 0.2 },
  metric: { name: 'backbone top-1 (ImageNet proxy for text recognition)', unit: '%', chance: k(T, 'ImageNet chance level', IMAGENET_CHANCE, '%', '1 of 1,000 classes', 'derived') },
  machine: {
    name: 'AR1-class glasses SoC (NPU, assumed)',
    main: {
      name: 'LPDDR4X',
      capacityBytes: k(T, 'DRAM available to the model', 1e9, 'B', 'assumption: 1 GB of the glasses\' 2 GB LPDDR4X', 'assumption'),
      bandwidthBps: k(T, 'LPDDR4X bandwidth', 17e9, 'B/s', 'assumption: 2 × 16-bit LPDDR4X-4266', 'assumption'),
      energyPerByteJ: MEMORY_ENERGY.lpddr4x,
    },
    onChip: {
      name: 'NPU SRAM',
      capacityBytes: k(T, 'NPU SRAM', 4e6, 'B', `${SOC}: 4 MB`, 'assumption'),
      bandwidthBps: k(T, 'NPU SRAM bandwidth', 100e9, 'B/s', SOC, 'assumption'),
      energyPerByteJ: k(T, 'NPU SRAM energy per byte', sramEnergyPerByte(4e6, '7nm'), 'J/B', 'SRAM read energy at 7 nm, held at the 1 MB figure (banked)', 'derived'),
    },
    fitLevel: 'main',
    node: '7nm', nodeSource: 'assumption: a 4-7 nm mobile SoC; Jouppi et al. 2021\'s 7 nm figures are the nearest published',
    bandwidthUtilisation: k(T, 'DRAM bandwidth utilisation', 0.8, '', 'assumption', 'assumption'),
    paths: {
      fp16: { fastPath: true, execAs: 'fp16', macsPerS: FP16, utilisation: UTIL, actBits: 16, dequantEfficiency: one, unit: 'NPU FP16 MACs' },
      int8: { fastPath: true, execAs: 'int8', macsPerS: INT8, utilisation: UTIL, actBits: 8, dequantEfficiency: one, unit: 'NPU INT8 MACs (W8A8)' },
      int4: { fastPath: false, execAs: 'int8', macsPerS: INT8, utilisation: UTIL, actBits: 8,
        dequantEfficiency: k(T, 'INT4 weight unpack efficiency', 0.95, '', `${SOC}: INT4 weights unpacked in hardware to INT8 MACs (W4A8)`, 'assumption'),
        unit: 'NPU INT8 MACs after INT4 weight unpacking (W4A8)' },
      binary: { fastPath: false, execAs: 'int8', macsPerS: INT8, utilisation: UTIL, actBits: 8,
        dequantEfficiency: k(T, '1-bit unpack efficiency', 0.85, '', `${SOC}: no binary MACs`, 'assumption'),
        unit: 'NPU INT8 MACs after 1-bit unpacking' },
    },
    sparse24: { fp16: false, int8: false, source: `${SOC}: no sparse MAC skipping assumed` },
    sparse24MathSpeedup: k(T, '2:4 math speedup', 1, '×', `${SOC}: no 2:4 sparse MAC units`, 'assumption'),
    sparse24Efficiency: k(T, '2:4 kernel efficiency', 0.6, '', 'assumption: without sparse MACs the 2:4 format is decoded in software', 'assumption'),
    unstructured: {
      loads: [{ format: 'bitmap', name: 'bitmap (NPU weight decoder)', source: 'assumption: zero weights compressed with a presence bitmap, as sparsity-aware mobile NPUs do (Song et al., ISSCC 2019, Samsung Exynos 9820 NPU)', overhead: null }],
      skip: { relativeRate: k(T, 'zero-skipping NPU: rate on kept weights', 0.75, '× dense rate', 'assumption: a sparsity-aware NPU that skips zero-weight MACs (Song et al., ISSCC 2019, Samsung Exynos 9820 NPU) loses ~25% of its dense rate to load imbalance on the kept ones', 'assumption'), unit: 'zero-skipping NPU MAC array' },
    },
    channelsElasticity: CHANNELS_ELASTICITY,
    activePowerW: k(T, 'NPU busy power outside MACs and DRAM', 0.3, 'W', 'assumption: clocks, leakage, control and SRAM standby while the NPU runs', 'assumption'),
  },
  baseline: 'resnet50', models, lockStudent: 'mobilenetv2',
  batch: k(T, 'batch size', 1, 'frames', 'one camera frame per inference', 'assumption'),
  restFixedMs: k(T, 'pre/post-processing per frame', 2, 'ms', 'assumption: camera crop/resize and overlay composition, not accelerated by compressing the network', 'assumption'),
  restPerLayerMs: k(T, 'per-layer overhead', 0, 'ms', 'folded into pre/post-processing', 'assumption'),
  ratePerS: k(T, 'frame rate', 60, 'frames/s', 'storyboard: 60 FPS', 'assumption'),
  baselinePowerW: k(T, 'rest-of-glasses power', 0.25, 'W', 'assumption: micro-display, cameras, sensors and radio (Qualcomm AR2 glasses "< 1 W" total, facts.md V2)', 'assumption'),
  batteryJ: k(T, 'battery energy', 960e-3 * 3600, 'J', 'Meta Ray-Ban Display teardown: 960 mWh (facts.md, V2) × 3,600 s/h', 'derived'),
  prune24Penalty: k(T, '2:4 vs unstructured loss at 50%', 1.5, '×', 'assumption: 2:4 costs a little more than unstructured (Mishra et al. 2021)', 'assumption'),
  budgets: [
    { name: 'memory', sense: 'max', limit: k(T, 'memory budget', 1000, 'MB', 'assumption: 1 GB of LPDDR4X for the model', 'assumption') },
    { name: 'latency', sense: 'max', limit: k(T, 'frame budget', 1000 / 60, 'ms', '60 FPS frame period (facts.md: 16.7 ms)', 'derived') },
    { name: 'power', sense: 'max', limit: k(T, 'glasses power (thermal) budget', 1, 'W', 'Qualcomm AR2 Gen 1: "< 1 W" glasses power (facts.md, V2)', 'published') },
    { name: 'battery', sense: 'min', limit: k(T, 'battery-life target', 120, 'min', 'assumption: a two-hour translated city tour on one charge', 'assumption') },
    { name: 'accuracy', sense: 'min', limit: k(T, 'accuracy floor', 76.13 - 4, '%', 'assumption (game design): the overlay tolerates 4 points of ImageNet top-1 below the FP16 ResNet-50 (76.1): heavy channel pruning trips it, and a MobileNet-class student distilled as measured (mdistiller KD recovers 22% of the gap: ≈ 72.8) stays above it. It was 2.5 points when distillation was assumed to recover 55%', 'assumption') },
  ],
  story: {
    crisis: (e, spec) => {
      const b = check(e, 'battery'), p = check(e, 'power')
      const batteryJ = spec.batteryJ!.value
      // energy per frame needed for the battery target, with the rest of the glasses unchanged
      const need = (batteryJ / (b.limit * 60) - spec.baselinePowerW.value) / spec.ratePerS.value
      return `At FP16 and ${spec.ratePerS.value} FPS the glasses draw ${sig(p.value, 2)} W (thermal envelope ${p.limit} W) and drain the ${sig(batteryJ / J_PER_MWH)} mWh battery in ${sig(b.value, 2)} min; a ${b.limit}-min session needs ${sig(e.energyPerInferenceJ / need, 2)}× less energy per frame (the storyboard's ${STORY_MIN.value} minutes and ${STORY_FACTOR.value}× describe a hotter chip than this model's NPU).`
    },
    headline: (e, spec) => `battery empty in ${sig(check(e, 'battery').value, 2)} min at ${spec.ratePerS.value} FPS`,
    impact: (x, spec) => [
      { label: `battery life at ${spec.ratePerS.value} FPS`, value: x.batteryMin, unit: 'min' },
      { label: 'glasses power', value: x.powerW, unit: 'W' },
      { label: 'energy per frame', value: x.energyJ * 1e3, unit: 'mJ' },
    ],
    byteUnits: 'si',
    energyUnit: 'mJ',
  },
}
