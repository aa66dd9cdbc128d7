// Internal description of a track: richer than the public `Track`, consumed by the physics modules.
import type { Budget, Precision, Sourced, TrackId } from './types'
import type { Node, SparseLoad } from './constants'
import type { TrackStory } from './tracks/story'

export interface MemLevel {
  name: string
  capacityBytes: Sourced
  bandwidthBps: Sourced
  energyPerByteJ: Sourced
}

/** How the machine executes a matmul whose weights are at a given precision. */
export interface PrecisionPath {
  /** true when the hardware has native math at this precision; else weights are dequantized to `execAs` */
  fastPath: boolean
  /** the precision the multiply-accumulates actually run at */
  execAs: 'fp16' | 'int8'
  /** peak dense MACs per second of the unit that runs it */
  macsPerS: Sourced
  /** achieved fraction of peak on this workload */
  utilisation: Sourced
  /** bits per activation moved between layers */
  actBits: 8 | 16
  /** kernel efficiency after dequantization work (1 when fastPath) */
  dequantEfficiency: Sourced
  /** the unit's name, for the slide */
  unit: string
}

export interface MachineSpec {
  name: string
  /** where weights live when they do not fit on chip; also activations and KV cache */
  main: MemLevel
  /** on-chip SRAM; weights (+ activations) that fit here are read from it */
  onChip: MemLevel
  /** 'main': the whole footprint must fit main memory; 'onChip': the activation arena must fit on chip, weights live
   *  on chip when they fit beside it and are read in place from main memory (flash) otherwise, as MCU runtimes do */
  fitLevel: 'main' | 'onChip'
  bandwidthUtilisation: Sourced
  paths: Record<Precision, PrecisionPath>
  /** the process node whose published operation energies the MACs use */
  node: Node
  nodeSource: string
  /** 2:4 structured sparsity halves the MACs on the units running at these precisions */
  sparse24: { fp16: boolean; int8: boolean; source: string }
  /** end-to-end math speedup of 2:4 sparse tensor cores over dense on this kind of workload (≤ 2, the peak ratio) */
  sparse24MathSpeedup: Sourced
  /** efficiency of the 2:4 weight stream: decoded by the sparse tensor cores where they exist, in software elsewhere */
  sparse24Efficiency: Sourced
  /** where a measured 2:4 kernel exists for one precision (Sparse-Marlin: INT4 weights), its efficiency there */
  sparse24EfficiencyAt?: Partial<Record<Precision, Sourced>>
  /** how this machine stores and runs unstructured sparsity (see latency.ts: sparse kernels) */
  unstructured: {
    /** the sparse formats and decoders it can stream (each measured, or a hardware decoder at line rate) */
    loads: SparseLoad[]
    /** a unit that skips the pruned weights' multiply-accumulates, if the machine has one; it runs the kept ones at
     *  `relativeRate` × the dense rate of the precision's path (reads the first of `loads`) */
    skip?: { relativeRate: Sourced; unit: string }
  }
  /** channel pruning: throughput grows as (work removed)^e, e ≤ 1: thinner layers keep the units less busy */
  channelsElasticity: Sourced
  /** power drawn while busy that is neither arithmetic nor data movement (clocks, leakage, control) */
  activePowerW: Sourced
}

export interface ModelDef {
  id: string
  name: string
  params: Sourced
  /** quality at FP16 dense, trained normally (students: from scratch) */
  accuracy: Sourced
  /** multiply-accumulates per inference, dense */
  macs: Sourced
  /** weight rows (output channels) summed over layers, for per-channel scales */
  outChannels: Sourced
  /** peak live activation bytes at 16 bit (the memory footprint) */
  actPeakBytes16: Sourced
  /** activation bytes moved to/from the activation level per inference at 16 bit */
  actTrafficBytes16: Sourced
  /** layers, for per-layer overheads (and the KV cache when `kv` is set) */
  layers: Sourced
  /** KV-cache shape for decoder LLMs */
  kv?: { kvHeads: Sourced; headDim: Sourced }
  /** accuracy vs weight bits: post-training quantization, and training-aware (QAT / distillation at the target precision) */
  quant: { ptq: QuantCurve; trained: QuantCurve }
  /** pruning fragility: multiplier on the reference (unstructured) pruning curve */
  pruneFragility: Sourced
  /** channel pruning after fine-tuning: fraction of the margin lost = a·(s/(1−s))^q, s the fraction of the work removed */
  channelCurve: PruneCurve
  /** a student's share of its gap to the track's teacher that classic (logit, Hinton) distillation recovers at its best
   *  temperature, from a published teacher–student pair; absent for the teacher */
  kdRecovery?: Sourced
  /** true when the published accuracy already comes from distillation (Llama-3.2 from Llama-3.1 logits): distilling
   *  again closes none of the gap to the teacher; it still trains at the target precision */
  preDistilled?: boolean
}

/** Fraction of the margin above chance lost at b bits: logistic σ(slope·(bitsHalf − b)), normalised to 0 at 16 bits. */
export interface QuantCurve { slope: Sourced; bitsHalf: Sourced }
/** Fraction of the margin above chance lost when a fraction s is pruned: a·(s/(1−s))^q. */
export interface PruneCurve { a: Sourced; q: Sourced }

export interface TrackSpec {
  id: TrackId
  name: string
  persona: string
  mission: string
  stakeholder: { role: string; demand: string; powerCutFraction: number }
  metric: { name: string; unit: string; chance: Sourced }
  machine: MachineSpec
  baseline: string
  models: ModelDef[]
  /** the student the distillation lock asks about */
  lockStudent: string
  /** KV cache (cloud): tokens of context and batch */
  context?: Sourced
  batch: Sourced
  /** per-inference time compression does not touch: pre/post-processing, norms, sampling, launches */
  restFixedMs: Sourced
  restPerLayerMs: Sourced
  /** inferences per second used for power (edge fps, mobile fps, tiny rate); cloud: back-to-back tokens (0 = use 1/latency) */
  ratePerS: Sourced
  /** power drawn by the rest of the device whatever the model does (mobile), or asleep between inferences (tiny) */
  baselinePowerW: Sourced
  /** true when baselinePowerW is drawn only between inferences (sleep), not while the model runs */
  baselineWhenIdle?: boolean
  /** accuracy model: 2:4 penalty */
  prune24Penalty: Sourced
  budgets: Budget[]
  /** battery for mobile */
  batteryJ?: Sourced
  /** what the track says in words (crisis, headline, impact rows, units): see tracks/story.ts */
  story: TrackStory
}
