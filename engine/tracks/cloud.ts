// Cloud Titan: Llama-3-70B decode on one H100 SXM 80 GB.
import { E_DRAM_BYTE, E_SRAM_1MB_BYTE, BITS_PER_DECADE, k } from '../constants'
import { fitQuantCurve } from '../accuracy'
import type { ModelDef, TrackSpec } from '../spec'
import { kdConstants } from './common'

const T = 'cloud'
const CFG = 'Meta-Llama-3 config.json (facts.md, V)'
const CFG32 = 'Llama-3.2 config.json (hidden, layers, heads, KV heads, head dim, MLP, vocab; tied embeddings)'
const DS = 'NVIDIA H100 Tensor Core GPU datasheet, SXM (facts.md, V)'
const HUANG = 'Huang et al. 2024 "How Good Are Low-bit Quantized LLaMA3 Models?", zero-shot avg of PIQA/ARC-e/ARC-c/HellaSwag/WinoGrande (facts.md, V)'

const CHANCE = k(T, 'zero-shot avg chance level', 35, '%', `${HUANG}: chance ≈ 35`, 'published')
const ACC70 = 75.3
// The quantization curve of the reference model, fitted through GPTQ W4/W3/W2 (g128): 74.9 / 70.6 / 45.4.
const FIT = fitQuantCurve(ACC70, CHANCE.value, [[4, 74.9], [3, 70.6], [2, 45.4]])
const SLOPE = k(T, 'quantization logistic slope', FIT.slope, '1/bit', `least-squares logistic fit to ${HUANG}, GPTQ W4 74.9, W3 70.6, W2 45.4`, 'derived')

interface LlamaShape { hidden: number; layers: number; heads: number; kvHeads: number; headDim: number; mlp: number; vocab: number }
const VOCAB = 128256

/** weight rows summed over layers (q, k, v, o, gate, up, down) + LM head: one per-channel scale each. */
function rows(s: LlamaShape) {
  const kv = s.kvHeads * s.headDim
  return s.layers * (s.heads * s.headDim + 2 * kv + s.hidden + 2 * s.mlp + s.hidden) + s.vocab
}
/** decode at batch 1: logits in FP32 plus the MLP and residual buffers. */
const actPeak = (s: LlamaShape) => s.vocab * 4 + (2 * s.mlp + 4 * s.hidden) * 2
/** per token: each layer reads and writes ~8 hidden-sized and 3 MLP-sized vectors, + logits. */
const actTraffic = (s: LlamaShape) => s.layers * (8 * s.hidden + 3 * s.mlp) * 2 + s.vocab * 4

function llama(id: string, name: string, params: number, paramsSrc: string, acc: number, accSrc: string, accKind: 'published' | 'assumption',
  s: LlamaShape, shapeSrc: string, bitsHalf: number, bitsHalfSrc: string, fragility: number): ModelDef {
  return {
    id, name,
    params: k(T, `${name} parameters`, params, 'weights', paramsSrc, 'published'),
    accuracy: k(T, `${name} zero-shot avg (FP16)`, acc, '%', accSrc, accKind),
    macs: k(T, `${name} MACs per decoded token`, params, 'MAC', 'one multiply-accumulate per weight per token (embedding lookup counted, conservative)', 'derived'),
    outChannels: k(T, `${name} weight rows`, rows(s), 'rows', `${shapeSrc}: layers × (q + k + v + o + gate + up + down rows) + LM head`, 'derived'),
    actPeakBytes16: k(T, `${name} activation peak (decode, batch 1)`, actPeak(s), 'B', 'logits in FP32 + MLP and residual buffers in FP16', 'derived'),
    actTrafficBytes16: k(T, `${name} activation traffic per token`, actTraffic(s), 'B', 'assumption: per layer ~8 hidden-sized + 3 MLP-sized FP16 vectors read/written, + FP32 logits', 'assumption'),
    layers: k(T, `${name} layers`, s.layers, 'layers', shapeSrc, 'published'),
    kv: { kvHeads: k(T, `${name} KV heads`, s.kvHeads, 'heads', shapeSrc, 'published'), headDim: k(T, `${name} head dim`, s.headDim, 'dims', shapeSrc, 'published') },
    bitsHalf: k(T, `${name} quantization half-loss bit width`, bitsHalf, 'bit', bitsHalfSrc, bitsHalfSrc.startsWith('assumption') ? 'assumption' : 'derived'),
    pruneFragility: k(T, `${name} pruning fragility`, fragility, '× ResNet-50 curve', 'assumption: LLMs pruned one-shot (SparseGPT/Wanda-style, no full retraining) lose far more than a retrained ResNet-50 (50% unstructured ≈ −0.7 points on 70B, collapsing toward 90%); smaller models more', 'assumption'),
    kdTemperature: k(T, `${name} distillation temperature optimum`, 4, '', 'Hinton et al. 2015: T typically 3 to 5; assumption: optimum at 4', 'assumption'),
  }
}

/** assumption: each 10× fewer parameters moves the half-loss bit width up by 0.3 bit (direction: larger models are more robust). */
const sizeShift = (p: number) => BITS_PER_DECADE.value * Math.log10(70.553706496e9 / p)
const SHIFT_SRC = (p: number) => `assumption: Llama-3-70B fit (${FIT.bitsHalf.toFixed(2)} bit) + 0.3 bit per decade fewer parameters (${sizeShift(p).toFixed(2)} bit)`

const L70: LlamaShape = { hidden: 8192, layers: 80, heads: 64, kvHeads: 8, headDim: 128, mlp: 28672, vocab: VOCAB }
const L8: LlamaShape = { hidden: 4096, layers: 32, heads: 32, kvHeads: 8, headDim: 128, mlp: 14336, vocab: VOCAB }
const L3: LlamaShape = { hidden: 3072, layers: 28, heads: 24, kvHeads: 8, headDim: 128, mlp: 8192, vocab: VOCAB }
const L1: LlamaShape = { hidden: 2048, layers: 16, heads: 32, kvHeads: 8, headDim: 64, mlp: 8192, vocab: VOCAB }

const models: ModelDef[] = [
  llama('llama3-70b', 'Llama-3-70B', 70_553_706_496, 'safetensors metadata; recount from config matches (facts.md, V/D)', ACC70, HUANG, 'published',
    L70, CFG, FIT.bitsHalf, `logistic fit to ${HUANG}, GPTQ W4/W3/W2`, 8),
  llama('llama3-8b', 'Llama-3-8B', 8_030_261_248, 'Meta-Llama-3-8B safetensors metadata (8.03B)', 68.6,
    'assumption: ≈ the LLaMA3-8B FP16 row of Huang et al. 2024 (same five tasks), not re-verified in this session', 'assumption',
    L8, CFG, FIT.bitsHalf + sizeShift(8.03e9), SHIFT_SRC(8.03e9), 10),
  llama('llama3.2-3b', 'Llama-3.2-3B', 3_212_749_824, 'Llama-3.2-3B model card (3.21B) / safetensors metadata', 63.5,
    'assumption: placed between Llama-3-8B and Llama-3.2-1B on the same five zero-shot tasks', 'assumption',
    L3, CFG32, FIT.bitsHalf + sizeShift(3.21e9), SHIFT_SRC(3.21e9), 12),
  llama('llama3.2-1b', 'Llama-3.2-1B', 1_235_814_400, 'Llama-3.2-1B model card (1.23B) / safetensors metadata', 56.0,
    'assumption: a 1B model scores ~20 points above chance on these five tasks', 'assumption',
    L1, CFG32, FIT.bitsHalf + sizeShift(1.24e9), SHIFT_SRC(1.24e9), 14),
]

const H100_FP16 = k(T, 'H100 dense FP16 tensor throughput', 989e12 / 2, 'MAC/s', `${DS}: 989 TFLOPS dense FP16 = 494.5 T MAC/s`, 'derived')
const H100_INT8 = k(T, 'H100 dense INT8/FP8 tensor throughput', 1979e12 / 2, 'MAC/s', `${DS}: 1,979 TOPS dense INT8 (FP8 the same) = 989.5 T MAC/s`, 'derived')
const UTIL = k(T, 'H100 tensor utilisation (decode)', 0.5, '', 'assumption: batch-1 decode is memory-bound; this only matters for compute-bound recipes', 'assumption')
const one = k(T, 'fast-path kernel efficiency', 1, '', 'native precision: no dequantization work', 'assumption')

export const cloud: TrackSpec = {
  id: 'cloud', name: 'Cloud Titan', persona: 'LLM Architect',
  mission: 'Maximize Llama-3-70B serving.',
  stakeholder: { role: 'Datacenter Operations Lead', demand: 'Cut the energy per token by a further 20% without leaving the accuracy floor.', powerCutFraction: 0.2 },
  metric: { name: 'zero-shot accuracy (avg of 5 tasks)', unit: '%', chance: CHANCE },
  machine: {
    name: 'NVIDIA H100 SXM 80 GB',
    main: {
      name: 'HBM3',
      capacityBytes: k(T, 'H100 HBM3 capacity', 80e9, 'B', DS, 'published'),
      bandwidthBps: k(T, 'H100 HBM3 bandwidth', 3.35e12, 'B/s', DS, 'published'),
      energyPerByteJ: E_DRAM_BYTE,
    },
    onChip: {
      name: 'L2 cache',
      capacityBytes: k(T, 'H100 L2 cache', 50e6, 'B', 'NVIDIA H100 architecture whitepaper: 50 MB L2', 'published'),
      bandwidthBps: k(T, 'H100 L2 bandwidth', 10e12, 'B/s', 'assumption: ~3× HBM bandwidth', 'assumption'),
      energyPerByteJ: E_SRAM_1MB_BYTE,
    },
    fitLevel: 'main',
    bandwidthUtilisation: k(T, 'HBM bandwidth utilisation', 0.85, '', 'assumption: streaming GEMV kernels sustain ~80-90% of peak HBM bandwidth', 'assumption'),
    paths: {
      fp16: { fastPath: true, execAs: 'fp16', macsPerS: H100_FP16, utilisation: UTIL, actBits: 16, dequantEfficiency: one, unit: 'FP16 tensor cores' },
      int8: { fastPath: true, execAs: 'int8', macsPerS: H100_INT8, utilisation: UTIL, actBits: 8, dequantEfficiency: one, unit: 'INT8/FP8 tensor cores (W8A8)' },
      int4: { fastPath: false, execAs: 'fp16', macsPerS: H100_FP16, utilisation: UTIL, actBits: 16,
        dequantEfficiency: k(T, 'INT4 dequantization kernel efficiency', 0.9, '', 'assumption: Hopper has no INT4 tensor cores; W4A16 kernels (Marlin/AWQ-class) unpack to FP16 in registers at ~90% of ideal', 'assumption'),
        unit: 'FP16 tensor cores after INT4→FP16 dequantization (W4A16)' },
      binary: { fastPath: false, execAs: 'fp16', macsPerS: H100_FP16, utilisation: UTIL, actBits: 16,
        dequantEfficiency: k(T, '1-bit unpacking kernel efficiency', 0.7, '', 'assumption: no 1-bit math on Hopper; bits unpacked to ±scale FP16', 'assumption'),
        unit: 'FP16 tensor cores after 1-bit unpacking' },
    },
    sparse24: { fp16: true, int8: true, source: `${DS}: "sparse" figures are 2× dense, 2:4 math only` },
    unstructuredEfficiency: k(T, 'unstructured sparse kernel efficiency', 0.5, '', 'assumption after Gale, Zaharia, Young, Elsen 2020 (SC20): standard sparse kernels do not beat dense at DNN sparsities; index decoding and irregular access halve the effective bandwidth', 'assumption'),
    sparse24Efficiency: k(T, '2:4 kernel efficiency at batch 1', 0.7, '', 'assumption: 2:4 sparse tensor-core kernels are tuned for GEMM; at batch-1 GEMV the compressed stream runs at ~70% of dense efficiency (textbook: 1.1-1.3× typical end-to-end)', 'assumption'),
    activePowerW: k(T, 'H100 busy power outside MACs and DRAM', 100, 'W', 'assumption: clocks, leakage, caches and control while decoding (TDP 700 W)', 'assumption'),
  },
  baseline: 'llama3-70b', models, lockStudent: 'llama3-8b',
  context: k(T, 'context length', 8192, 'tokens', `${CFG}: max_position_embeddings 8192; assumption: serve at the full context`, 'assumption'),
  batch: k(T, 'batch size', 1, 'sequences', 'assumption: one latency-bound stream (the lab\'s batch-1 decode)', 'assumption'),
  restFixedMs: k(T, 'per-token fixed overhead', 0.3, 'ms', 'assumption: sampling, host sync, launch of the step', 'assumption'),
  restPerLayerMs: k(T, 'per-layer non-GEMM time', 0.015, 'ms', 'assumption: RMSNorm, RoPE, residuals and kernel launches (~15 µs per layer with CUDA graphs)', 'assumption'),
  ratePerS: k(T, 'token rate', 0, 'tokens/s', 'back-to-back decode: rate = 1 / latency', 'derived'),
  baselinePowerW: k(T, 'other server power', 0, 'W', 'not counted: per-GPU accounting', 'assumption'),
  quantSlope: SLOPE,
  prune24Penalty: k(T, '2:4 vs unstructured loss at 50%', 3, '×', 'assumption after SparseGPT (Frantar & Alistarh 2023): one-shot 2:4 loses clearly more than 50% unstructured on LLMs', 'assumption'),
  kdGapRecovery: k(T, 'distillation: fraction of the gap to the teacher recovered at the optimum', 0.3, '', 'assumption: DistilBERT keeps 97% (Sanh 2019); Hinton 2015 MNIST recovers most of the gap on an easy task; LLM logit distillation recovers part', 'assumption'),
  ...kdConstants(T),
  budgets: [
    { name: 'memory', sense: 'max', limit: k(T, 'memory budget', 80, 'GB', `${DS}: 80 GB HBM3 on one GPU`, 'published') },
    { name: 'latency', sense: 'max', limit: k(T, 'latency budget per token', 50, 'ms', 'assumption: ≥ 20 tokens/s per stream, faster than reading speed', 'assumption') },
    { name: 'power', sense: 'max', limit: k(T, 'power budget', 700, 'W', `${DS}: TDP 700 W`, 'published') },
    { name: 'accuracy', sense: 'min', limit: k(T, 'accuracy floor', ACC70 - 1, '%', 'assumption: the product owner vetoes more than 1 point below FP16 (75.3)', 'assumption') },
  ],
}

