// Cloud Titan: Llama-3-70B decode on one H100 SXM 80 GB.
import { BITS_PER_DECADE, CHANNELS_ELASTICITY, GPU_UNSTRUCTURED, MEMORY_ENERGY, SPARSE24_TRANSFORMER, SPARSE_MARLIN_EFFICIENCY, k, sramEnergyPerByte } from '../constants'
import { channelCurve, fitQuantCurve, quantCurve } from '../accuracy'
import type { ModelDef, QuantCurve, TrackSpec } from '../spec'
import { teacherName } from './story'
import { RESNET_CHANNEL_EXPONENT } from './cnn'
import { sig } from '../format'
import { OOM } from '../words'
import { FAST_PATH_EFFICIENCY } from './common'

const T = 'cloud'
const CFG = 'Meta-Llama-3 config.json (facts.md, V)'
const CFG32 = 'Llama-3.2 config.json (hidden, layers, heads, KV heads, head dim, MLP, vocab; tied embeddings)'
const DS = 'NVIDIA H100 Tensor Core GPU datasheet, SXM (facts.md, V)'
const HUANG = 'Huang et al. 2024 "How Good Are Low-bit Quantized LLaMA3 Models?", zero-shot avg of PIQA/ARC-e/ARC-c/HellaSwag/WinoGrande (facts.md, V)'

const CHANCE = k(T, 'zero-shot avg chance level', 35, '%', `${HUANG}: chance ≈ 35`, 'published')
const ACC70 = 75.3
const EQAT = 'Chen et al. 2024 "EfficientQAT" (model zoo of the authors\' repo, same five zero-shot tasks, lm-eval): training-aware, g128 (W2: g64)'
// Post-training: the reference model exactly through GPTQ W4 and W3 (g128): 74.9 / 70.6, where the floor and the knee
// are; a least-squares fit through W2 (45.4) too would misplace W3 by 0.7 points. The two-point curve gives W2 ≈ 49.7.
const PTQ70 = fitQuantCurve(ACC70, CHANCE.value, [[4, 74.9], [3, 70.6]])
// Training-aware: EfficientQAT's own Llama-3 rows.
const QAT70 = fitQuantCurve(75.33, CHANCE.value, [[4, 74.57], [3, 72.42], [2, 67.89]])
const QAT8 = fitQuantCurve(68.58, CHANCE.value, [[4, 68.43], [3, 67.35], [2, 60.76]])

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

interface LlamaRow {
  id: string
  name: string
  params: number
  paramsSrc: string
  acc: number
  accSrc: string
  accKind: 'published' | 'assumption'
  shape: LlamaShape
  shapeSrc: string
  fragility: number
  preDistilled?: boolean
  quant: (name: string) => { ptq: QuantCurve; trained: QuantCurve }
}
// Structured (width) pruning of an LLM with a short recovery fine-tune. One published point: LLM-Pruner (Ma et al.
// NeurIPS 2023, authors' README figure): LLaMA-7B, 20% of the parameters pruned, LoRA-tuned, 7 zero-shot tasks (BoolQ,
// PIQA, HellaSwag, WinoGrande, ARC-e, ARC-c, OBQA): 63.25 → 60.07 (the authors' own dense evaluation), on a margin above
// chance of 63.25 − 35.7 (the seven tasks' chance levels 50, 50, 25, 50, 25, 25, 25 averaged).
const LLM_PRUNER = { dense: 63.25, pruned: 60.07, s: 0.2, chance: (50 + 50 + 25 + 50 + 25 + 25 + 25) / 7 }
const LLM_CHANNELS_SRC = 'LLM-Pruner (Ma et al. NeurIPS 2023, horseee/LLM-Pruner README figure): LLaMA-7B 20% pruned + LoRA, 7-task zero-shot avg 63.25 → 60.07, as a share of the margin above chance; the exponent is the ResNet-50 channel curve\'s (assumption: one published point); assumption: a larger Llama loses the same share of its margin'
function llama({ id, name, params, paramsSrc, acc, accSrc, accKind, shape: s, shapeSrc, fragility, preDistilled, quant }: LlamaRow): ModelDef {
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
    quant: quant(name),
    ...(preDistilled || id === 'llama3-70b' ? {} : { kdRecovery: k(T, `${name} distillation: share of the gap to the teacher recovered`, 0.3, '', 'assumption: no published logit-distillation result for a Llama-3-70B teacher was found; DistilBERT keeps 97% of its teacher (Sanh 2019); LLM logit distillation recovers part of the gap', 'assumption') }),
    channelCurve: channelCurve(T, name, LLM_PRUNER.dense - LLM_PRUNER.chance, [[LLM_PRUNER.s, LLM_PRUNER.dense - LLM_PRUNER.pruned]], LLM_CHANNELS_SRC, 'assumption', RESNET_CHANNEL_EXPONENT),
    pruneFragility: k(T, `${name} pruning fragility`, fragility, '× ResNet-50 curve', 'assumption: LLMs pruned one-shot (SparseGPT/Wanda-style, no full retraining) lose far more than a retrained ResNet-50 (50% unstructured ≈ −0.7 points on 70B, collapsing toward 90%); smaller models more', 'assumption'),
    ...(preDistilled ? { preDistilled } : {}),
  }
}

/** assumption: each 10× fewer parameters moves the half-loss bit width up by BITS_PER_DECADE (larger models are more robust). */
const decades = (from: number, p: number) => Math.log10(from / p)
const shifted = (fit: { slope: number; bitsHalf: number }, from: number, fromName: string, p: number, what: string) => (name: string) =>
  quantCurve(T, `${name} ${what}`, fit.slope, fit.bitsHalf + BITS_PER_DECADE.value * decades(from, p), `assumption: the ${fromName} ${what} fit + ${BITS_PER_DECADE.value} bit per decade fewer parameters (${decades(from, p).toFixed(2)} decades)`, 'assumption')
const P70 = 70_553_706_496, P8 = 8_030_261_248
const curves = (ptq: (n: string) => QuantCurve, trained: (n: string) => QuantCurve) => (name: string) => ({ ptq: ptq(name), trained: trained(name) })
const ptq70 = (name: string) => quantCurve(T, `${name} post-training quantization`, PTQ70.slope, PTQ70.bitsHalf, `logistic exactly through ${HUANG}, GPTQ W4 74.9 and W3 70.6 (W2 45.4 published; the curve gives ≈ 49.7)`, 'derived')
const PRE_DISTILLED = 'Llama 3.2 model card: the 1B and 3B models were pruned from Llama 3.1 8B and pretrained with Llama 3.1 8B and 70B logits as token-level targets (their published scores already include distillation)'

const L70: LlamaShape = { hidden: 8192, layers: 80, heads: 64, kvHeads: 8, headDim: 128, mlp: 28672, vocab: VOCAB }
const L8: LlamaShape = { hidden: 4096, layers: 32, heads: 32, kvHeads: 8, headDim: 128, mlp: 14336, vocab: VOCAB }
const L3: LlamaShape = { hidden: 3072, layers: 28, heads: 24, kvHeads: 8, headDim: 128, mlp: 8192, vocab: VOCAB }
const L1: LlamaShape = { hidden: 2048, layers: 16, heads: 32, kvHeads: 8, headDim: 64, mlp: 8192, vocab: VOCAB }

const models: ModelDef[] = [
  llama({ id: 'llama3-70b', name: 'Llama-3-70B', params: P70, paramsSrc: 'safetensors metadata; recount from config matches (facts.md, V/D)',
    acc: ACC70, accSrc: HUANG, accKind: 'published', shape: L70, shapeSrc: CFG, fragility: 8,
    quant: curves(ptq70, (n) => quantCurve(T, `${n} training-aware quantization`, QAT70.slope, QAT70.bitsHalf, `least-squares fit to ${EQAT}, Llama-3-70B: FP16 75.33 → W4 74.57, W3 72.42, W2 67.89`, 'derived')) }),
  llama({ id: 'llama3-8b', name: 'Llama-3-8B', params: P8, paramsSrc: 'Meta-Llama-3-8B safetensors metadata (8.03B)',
    acc: 68.58, accSrc: `${EQAT}: Llama-3-8B FP16 68.58 (Huang et al. 2024's FP16 row averages the same ≈ 68.6)`, accKind: 'published', shape: L8, shapeSrc: CFG, fragility: 10,
    quant: curves(shifted(PTQ70, P70, 'Llama-3-70B', P8, 'post-training quantization'),
      (n) => quantCurve(T, `${n} training-aware quantization`, QAT8.slope, QAT8.bitsHalf, `least-squares fit to ${EQAT}, Llama-3-8B: FP16 68.58 → W4 68.43, W3 67.35, W2 60.76`, 'derived')) }),
  llama({ id: 'llama3.2-3b', name: 'Llama-3.2-3B', params: 3_212_749_824, paramsSrc: 'Llama-3.2-3B model card (3.21B) / safetensors metadata',
    acc: 63.9, accSrc: 'assumption (already distilled: see below): four of the five tasks from a third-party lm-eval 0-shot run of the base model (ARC-c 42.8, ARC-e 74.5, HellaSwag 55.8, WinoGrande 69.4) and PIQA ≈ 77 assumed: mean 63.9; not a paper figure. ' + PRE_DISTILLED, accKind: 'assumption',
    shape: L3, shapeSrc: CFG32, fragility: 12, preDistilled: true,
    quant: curves(shifted(PTQ70, P70, 'Llama-3-70B', 3.21e9, 'post-training quantization'), shifted(QAT8, P8, 'Llama-3-8B EfficientQAT', 3.21e9, 'training-aware quantization')) }),
  llama({ id: 'llama3.2-1b', name: 'Llama-3.2-1B', params: 1_235_814_400, paramsSrc: 'Llama-3.2-1B model card (1.23B) / safetensors metadata',
    acc: 57.0, accSrc: "assumption: ≈ 57 on the five tasks (recalled from quantization papers' FP16 rows, PIQA ~74, ARC-e ~65, ARC-c ~34, HellaSwag ~48, WinoGrande ~60); not verified. " + PRE_DISTILLED, accKind: 'assumption',
    shape: L1, shapeSrc: CFG32, fragility: 14, preDistilled: true,
    quant: curves(shifted(PTQ70, P70, 'Llama-3-70B', 1.24e9, 'post-training quantization'), shifted(QAT8, P8, 'Llama-3-8B EfficientQAT', 1.24e9, 'training-aware quantization')) }),
]

const H100_FP16 = k(T, 'H100 dense FP16 tensor throughput', 989e12 / 2, 'MAC/s', `${DS}: 989 TFLOPS dense FP16 = 494.5 T MAC/s`, 'derived')
const H100_INT8 = k(T, 'H100 dense INT8/FP8 tensor throughput', 1979e12 / 2, 'MAC/s', `${DS}: 1,979 TOPS dense INT8 (FP8 the same) = 989.5 T MAC/s`, 'derived')
const UTIL = k(T, 'H100 tensor utilisation (decode)', 0.5, '', 'assumption: batch-1 decode is memory-bound; this only matters for compute-bound recipes', 'assumption')
const one = FAST_PATH_EFFICIENCY(T)

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
      energyPerByteJ: MEMORY_ENERGY.hbm,
    },
    onChip: {
      name: 'L2 cache',
      capacityBytes: k(T, 'H100 L2 cache', 50e6, 'B', 'NVIDIA H100 architecture whitepaper: 50 MB L2', 'published'),
      bandwidthBps: k(T, 'H100 L2 bandwidth', 10e12, 'B/s', 'assumption: ~3× HBM bandwidth', 'assumption'),
      energyPerByteJ: k(T, 'H100 L2 energy per byte', sramEnergyPerByte(50e6, '7nm'), 'J/B', 'SRAM read energy at 7 nm, held at the 1 MB figure (a banked 50 MB cache reads one bank per access)', 'derived'),
    },
    fitLevel: 'main',
    node: '7nm', nodeSource: "assumption: TSMC 4N (5 nm class); Jouppi et al. 2021's 7 nm figures are the nearest published",
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
    sparse24MathSpeedup: SPARSE24_TRANSFORMER,
    sparse24Efficiency: k(T, '2:4 kernel efficiency at batch 1 (FP16, INT8)', 0.7, '', 'assumption: 2:4 sparse tensor-core kernels (cuSPARSELt) are tuned for GEMM; at batch-1 GEMV the compressed stream runs at ~70% of dense efficiency (textbook: 1.1-1.3× typical end to end); no batch-1 measurement at these precisions was found', 'assumption'),
    sparse24EfficiencyAt: { int4: SPARSE_MARLIN_EFFICIENCY },
    unstructured: GPU_UNSTRUCTURED,
    channelsElasticity: CHANNELS_ELASTICITY,
    activePowerW: k(T, 'H100 busy power outside MACs and DRAM', 100, 'W', 'assumption: clocks, leakage, caches and control while decoding (TDP 700 W)', 'assumption'),
  },
  baseline: 'llama3-70b', models, lockStudent: 'llama3-8b',
  context: k(T, 'context length', 8192, 'tokens', `${CFG}: max_position_embeddings 8192; assumption: serve at the full context`, 'assumption'),
  batch: k(T, 'batch size', 1, 'sequences', "assumption: one latency-bound stream (the lab's batch-1 decode)", 'assumption'),
  restFixedMs: k(T, 'per-token fixed overhead', 0.3, 'ms', 'assumption: sampling, host sync, launch of the step', 'assumption'),
  restPerLayerMs: k(T, 'per-layer non-GEMM time', 0.015, 'ms', 'assumption: RMSNorm, RoPE, residuals and kernel launches (~15 µs per layer with CUDA graphs)', 'assumption'),
  ratePerS: k(T, 'token rate', 0, 'tokens/s', 'back-to-back decode: rate = 1 / latency', 'derived'),
  baselinePowerW: k(T, 'other server power', 0, 'W', 'not counted: per-GPU accounting', 'assumption'),
  prune24Penalty: k(T, '2:4 vs unstructured loss at 50%', 3, '×', 'assumption after SparseGPT (Frantar & Alistarh 2023): one-shot 2:4 loses clearly more than 50% unstructured on LLMs', 'assumption'),
  budgets: [
    { name: 'memory', sense: 'max', limit: k(T, 'memory budget', 80, 'GB', `${DS}: 80 GB HBM3 on one GPU`, 'published') },
    { name: 'latency', sense: 'max', limit: k(T, 'latency budget per token', 15, 'ms', 'assumption (game design, "maximize Llama-3-70B serving"): the product\'s interactive tier promises ≥ 66 tokens/s per stream (≤ 15 ms per output token at batch 1), three times reading speed (≥ 20 tokens/s) and more than INT4 alone gives on one H100', 'assumption') },
    { name: 'power', sense: 'max', limit: k(T, 'power budget', 700, 'W', `${DS}: TDP 700 W`, 'published') },
    { name: 'accuracy', sense: 'min', limit: k(T, 'accuracy floor', ACC70 - 5, '%', 'assumption (game design): 5 points below FP16 Llama-3-70B (75.3). The product ships a cheaper tier if it stays above this line: the post-training 3-bit 70B and a distilled 8B land near it, 2-bit and binary fall far below', 'assumption') },
  ],
  story: {
    crisis: (e, spec) => {
      const m = e.memory, cap = m.capacityBytes / 1e9
      return `${teacherName(spec)} needs ${sig(m.totalBytes / 1e9)} GB at FP16 (${sig(m.weightsBytes / 1e9)} GB of weights + ${sig(m.kvCacheBytes / 1e9, 2)} GB of KV cache at ${spec.context!.value} tokens); one H100 has ${cap} GB: ${m.fits ? 'it fits' : `${OOM} by ${sig(m.totalBytes / 1e9 - cap, 2)} GB`}.`
    },
    headline: (e) => `${sig(e.memory.totalBytes / 1e9)} GB at FP16 vs ${e.memory.capacityBytes / 1e9} GB of HBM${e.memory.fits ? '' : `: ${OOM}`}`,
    impact: (x, spec) => [
      { label: 'tokens/s per GPU (batch 1)', value: 1 / x.latencyS, unit: 'tokens/s' },
      { label: 'H100s needed to hold it', value: Math.ceil(x.totalBytes / spec.machine.main.capacityBytes.value), unit: Math.ceil(x.totalBytes / spec.machine.main.capacityBytes.value) === 1 ? 'GPU' : 'GPUs' },
      { label: 'energy per token', value: x.energyJ, unit: 'J' },
      { label: 'GPU power while decoding', value: x.powerW, unit: 'W' },
    ],
    byteUnits: 'si',
    energyUnit: 'J',
  },
}
