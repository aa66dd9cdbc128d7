// Edge Guardian: AV perception (ResNet-50-class backbone + heads at 1080p) on a Jetson/DRIVE AGX Orin GPU.
import { CHANNELS_ELASTICITY, GPU_UNSTRUCTURED, MEMORY_ENERGY, SPARSE24_CNN_ORIN, k, sramEnergyPerByte } from '../constants'
import type { TrackSpec } from '../spec'
import { IMAGENET_CHANCE, cnnModels } from './cnn'
import { FAST_PATH_EFFICIENCY } from './common'
import { check, limitOf, teacherName } from './story'
import { sig } from '../format'

const T = 'edge'
const DS = 'NVIDIA Jetson AGX Orin series datasheet (64 GB module; stand-in for DRIVE AGX Orin)'
const models = cnnModels(T, ['resnet50', 'resnet34', 'resnet18', 'mobilenetv2'], 1920, 1080, 1.25,
  'assumption: detection + segmentation heads add 25% to the backbone')

const INT8 = k(T, 'Orin GPU dense INT8 tensor throughput', 85e12 / 2, 'MAC/s', `${DS}: GPU 170 sparse INT8 TOPS (facts.md: 275 TOPS module incl. DLA); dense = sparse / 2 = 85 TOPS = 42.5 T MAC/s`, 'derived')
const FP16 = k(T, 'Orin GPU dense FP16 tensor throughput', 42.5e12 / 2, 'MAC/s', 'Ampere tensor cores: FP16 rate = half the INT8 rate → 42.5 TFLOPS = 21.25 T MAC/s', 'derived')
const UTIL = k(T, 'Orin tensor utilisation (batch-1 CNN, FP16)', 0.45, '', 'assumption: batch-1 convolutions at 1080p reach ~45% of tensor peak under TensorRT; sets the FP16 baseline near the 25 ms of the storyboard', 'assumption')
// Measured: TensorRT INT8 over FP16 on Jetson Orin for YOLO11 m/l/x at 640 px: 14.45/10.19, 18.53/13.36, 35.99/22.32 ms.
const YOLO = 'Ultralytics docs, "NVIDIA Jetson" guide: YOLO11 on Jetson Orin NX 16 GB, TensorRT, 640 px, FP16 → INT8 14.45 → 10.19 (m), 18.53 → 13.36 (l), 35.99 → 22.32 ms (x)'
const INT8_OVER_FP16 = k(T, 'INT8 over FP16 speedup, measured (large CNN detectors on Orin)', (14.45 / 10.19 + 18.53 / 13.36 + 35.99 / 22.32) / 3, '×', `${YOLO}: mean of 1.42, 1.39, 1.61 (the small models gain less, 1.1-1.3×)`, 'derived')
const UTIL8 = k(T, 'Orin tensor utilisation (batch-1 CNN, INT8)', UTIL.value * INT8_OVER_FP16.value / 2, '', 'derived: FP16 utilisation × measured INT8/FP16 speedup ÷ the 2× peak ratio, so INT8 runs at the measured gain rather than the datasheet\'s', 'derived')
const one = FAST_PATH_EFFICIENCY(T)

export const edge: TrackSpec = {
  id: 'edge', name: 'Edge Guardian', persona: 'AV Systems Lead',
  mission: 'Deterministic 10 ms safety loop.',
  stakeholder: { role: 'Functional Safety Lead', demand: 'Cut the energy per frame by a further 20% (thermal headroom) without missing pedestrians.', powerCutFraction: 0.2 },
  metric: { name: 'backbone top-1 (ImageNet proxy for pedestrian recall)', unit: '%', chance: k(T, 'ImageNet chance level', IMAGENET_CHANCE, '%', '1 of 1,000 classes', 'derived') },
  machine: {
    name: 'NVIDIA DRIVE/Jetson AGX Orin (GPU)',
    main: {
      name: 'LPDDR5',
      capacityBytes: k(T, 'Orin LPDDR5 capacity', 64e9, 'B', DS, 'published'),
      bandwidthBps: k(T, 'Orin LPDDR5 bandwidth', 204.8e9, 'B/s', DS, 'published'),
      energyPerByteJ: MEMORY_ENERGY.lpddr5,
    },
    onChip: {
      name: 'GPU L2 + system cache',
      capacityBytes: k(T, 'Orin on-chip cache', 4e6, 'B', 'assumption: ~4 MB GPU L2', 'assumption'),
      bandwidthBps: k(T, 'Orin L2 bandwidth', 1e12, 'B/s', 'assumption', 'assumption'),
      energyPerByteJ: k(T, 'Orin L2 energy per byte', sramEnergyPerByte(4e6, '7nm'), 'J/B', 'SRAM read energy at 7 nm, held at the 1 MB figure (banked)', 'derived'),
    },
    fitLevel: 'main',
    node: '7nm', nodeSource: 'assumption: Samsung 8 nm; Jouppi et al. 2021\'s 7 nm figures are the nearest published',
    bandwidthUtilisation: k(T, 'LPDDR5 bandwidth utilisation', 0.85, '', 'assumption', 'assumption'),
    paths: {
      fp16: { fastPath: true, execAs: 'fp16', macsPerS: FP16, utilisation: UTIL, actBits: 16, dequantEfficiency: one, unit: 'FP16 tensor cores' },
      int8: { fastPath: true, execAs: 'int8', macsPerS: INT8, utilisation: UTIL8, actBits: 8, dequantEfficiency: one, unit: 'INT8 tensor cores (W8A8)' },
      int4: { fastPath: false, execAs: 'int8', macsPerS: INT8, utilisation: UTIL8, actBits: 8,
        dequantEfficiency: k(T, 'INT4→INT8 unpack efficiency', 0.9, '', 'assumption: the deployed TensorRT stack has no INT4 convolution kernels; weights are unpacked to INT8', 'assumption'),
        unit: 'INT8 tensor cores after INT4 unpacking (W4A8)' },
      binary: { fastPath: false, execAs: 'int8', macsPerS: INT8, utilisation: UTIL8, actBits: 8,
        dequantEfficiency: k(T, '1-bit unpack efficiency', 0.8, '', 'assumption: no XNOR/popcount path in the deployed stack; bits unpacked to INT8', 'assumption'),
        unit: 'INT8 tensor cores after 1-bit unpacking' },
    },
    sparse24: { fp16: true, int8: true, source: `${DS}: "sparse TOPS" = 2× dense on Ampere sparse tensor cores (2:4)` },
    sparse24MathSpeedup: SPARSE24_CNN_ORIN,
    sparse24Efficiency: k(T, '2:4 kernel efficiency', 0.9, '', 'assumption: hardware-decoded 2:4 metadata costs ~10%', 'assumption'),
    unstructured: GPU_UNSTRUCTURED,
    channelsElasticity: CHANNELS_ELASTICITY,
    activePowerW: k(T, 'Orin busy power outside MACs and DRAM', 10, 'W', 'assumption: CPU cluster, clocks and leakage while the GPU runs (module 15-60 W, facts.md)', 'assumption'),
  },
  baseline: 'resnet50', models, lockStudent: 'resnet18',
  batch: k(T, 'batch size', 1, 'frames', 'one camera frame per inference', 'assumption'),
  restFixedMs: k(T, 'pre/post-processing per frame', 4, 'ms', 'assumption: resize/normalise, box decoding, NMS and tracking, not accelerated by compressing the network', 'assumption'),
  restPerLayerMs: k(T, 'per-layer overhead', 0, 'ms', 'folded into pre/post-processing', 'assumption'),
  ratePerS: k(T, 'camera frame rate', 30, 'frames/s', 'facts.md: 33.3 ms at 30 fps (derived); assumption: one network pass per camera frame', 'assumption'),
  baselinePowerW: k(T, 'other vehicle power', 0, 'W', 'not counted', 'assumption'),
  prune24Penalty: k(T, '2:4 vs unstructured loss at 50%', 1.5, '×', 'assumption: with retraining 2:4 nearly matches dense (Mishra et al. 2021) but costs a little more than unstructured', 'assumption'),
  budgets: [
    { name: 'memory', sense: 'max', limit: k(T, 'memory budget', 64, 'GB', `${DS}: 64 GB LPDDR5 (never binding: the edge crisis is latency)`, 'published') },
    { name: 'latency', sense: 'max', limit: k(T, 'latency budget', 10, 'ms', 'storyboard: deterministic 10 ms safety loop', 'assumption') },
    { name: 'power', sense: 'max', limit: k(T, 'perception power budget', 30, 'W', 'assumption: half of the 60 W module maximum (facts.md)', 'assumption') },
    { name: 'accuracy', sense: 'min', limit: k(T, 'accuracy floor', 76.13 - 4, '%', 'assumption (game design): 4 points of ImageNet top-1 below the FP16 ResNet-50 (76.1), the proxy for pedestrian recall: heavy pruning trips it, and a MobileNet-class student distilled as measured (mdistiller KD recovers 22% of the gap: ≈ 72.8) stays above it. It was 2.5 points when distillation was assumed to recover 55%', 'assumption') },
  ],
  story: {
    crisis: (e, spec) => {
      const lat = check(e, 'latency')
      return `At FP16 the ${teacherName(spec)} perception network takes ${sig(e.latencyMs, 2)} ms per frame on ${spec.machine.name}; the safety loop allows ${lat.limit} ms (${sig(e.latencyMs / lat.limit, 2)}× over).`
    },
    headline: (e) => `${sig(e.latencyMs, 2)} ms per frame vs a ${check(e, 'latency').limit} ms safety loop`,
    impact: (x, spec) => {
      const loopMs = limitOf(spec, 'latency').value
      return [
        { label: 'frames/s', value: 1 / x.latencyS, unit: 'fps' },
        { label: `share of the ${loopMs} ms safety loop`, value: (x.latencyS * 1e3 / loopMs) * 100, unit: '%' },
        { label: 'energy per frame', value: x.energyJ * 1e3, unit: 'mJ' },
        { label: `perception power at ${spec.ratePerS.value} fps`, value: x.powerW, unit: 'W' },
      ]
    },
    byteUnits: 'si',
    energyUnit: 'mJ',
  },
}
