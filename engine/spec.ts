// Internal description of a track: richer than the public `Track`, consumed by the physics modules.
import type { Budget, Precision, Sourced, TrackId } from './types'

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
  /** which level's capacity the model must fit in (the memory budget) */
  fitLevel: 'main' | 'onChip'
  bandwidthUtilisation: Sourced
  paths: Record<Precision, PrecisionPath>
  /** 2:4 structured sparsity halves the MACs on the units running at these precisions */
  sparse24: { fp16: boolean; int8: boolean; source: string }
  /** kernel efficiency reading an unstructured sparse format (index decoding, irregular access) */
  unstructuredEfficiency: Sourced
  /** kernel efficiency reading the 2:4 format (hardware-decoded) */
  sparse24Efficiency: Sourced
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
  /** quantization robustness: bit width at which half the margin above chance is lost */
  bitsHalf: Sourced
  /** pruning fragility: multiplier on the reference pruning curve */
  pruneFragility: Sourced
  /** temperature of the distillation optimum for this student */
  kdTemperature: Sourced
}

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
  /** accuracy model: logistic slope in bits, pruning curve, 2:4 penalty, distillation */
  quantSlope: Sourced
  prune24Penalty: Sourced
  kdGapRecovery: Sourced
  kdCompressionRecovery: Sourced
  kdWidth: Sourced
  budgets: Budget[]
  /** battery for mobile */
  batteryJ?: Sourced
}
