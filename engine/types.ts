// The engine's types. The names marked "contract" in ../shared/design/ARCHITECTURE.md §3
// are relied on by checks outside the repo: keep their names, fields and units.

export type TrackId = 'cloud' | 'edge' | 'mobile' | 'tiny' // contract
export type Precision = 'fp16' | 'int8' | 'int4' | 'binary' // contract: 16, 8, 4, 1 bits
/** unstructured: any weights; 2:4: two of every four; channels: whole output filters removed (a smaller dense model) */
export type SparsityPattern = 'unstructured' | '2:4' | 'channels' // contract

/** Where a number comes from. Every constant in engine/ carries one. */
export type ConstantKind = 'published' | 'derived' | 'assumption'
export interface Sourced {
  value: number
  unit: string
  /** paper + table, datasheet, book section; for `derived`, the formula; for `assumption`, the reasoning */
  source: string
  kind: ConstantKind
}

/** contract */
export interface Recipe {
  precision: Precision
  /** fraction of weights (channels: of the work) pruned, 0 ≤ s ≤ 0.9; with '2:4' it is 0.5 */
  sparsity: number
  pattern: SparsityPattern
  /** a model id from the track's `models`; the track's `baseline` id means "no new student" */
  student: string
  /** student trained with knowledge distillation from the baseline (teacher) */
  distill: boolean
  /** distillation temperature, 1..20 (ignored when distill is false) */
  temperature: number
}

/** A model the track can deploy: the baseline (teacher) or a candidate student. */
export interface ModelSpec {
  id: string
  name: string
  /** weight count */
  params: Sourced
  /** quality at FP16, dense, trained normally (for students: trained from scratch, no distillation) */
  accuracy: Sourced
  /** multiply-accumulates per inference (cloud: per decoded token), dense */
  macs?: Sourced
  layers?: Sourced
  /** peak live activations at 16 bit */
  activationBytes16?: Sourced
  /** decoder LLMs: KV-cache shape (bytes per token = 2 × layers × kvHeads × headDim × 2) */
  kv?: { kvHeads: Sourced; headDim: Sourced }
}

/** One memory level of a machine. */
export interface MachineLevel {
  name: string
  capacityBytes: Sourced
  bandwidthBps: Sourced
  energyPerByteJ: Sourced
}

/** How a machine runs weights of one precision. */
export interface MachinePath {
  /** true when there are native math units for this precision; otherwise weights are dequantized first */
  fastPath: boolean
  /** the unit that runs the multiply-accumulates */
  unit: string
  macsPerS: Sourced
  utilisation: Sourced
  energyPerMacJ: Sourced
}

export interface MachineSpecPublic {
  name: string
  /** main memory (HBM/DRAM/flash) then on-chip SRAM/cache */
  levels: MachineLevel[]
  /** which level the model must fit in ('main' or 'on-chip') */
  fitLevel: string
  paths: Record<Precision, MachinePath>
  /** sparsity patterns with a hardware fast path (MACs actually skipped) */
  sparseFastPath: Record<SparsityPattern, boolean>
  /** power while busy that is neither arithmetic nor data movement */
  busyPowerW: Sourced
}

/** One of the mission's budgets. `limit` is in `unit`; `kind` says which way passes. */
export interface Budget {
  name: string // e.g. 'memory', 'latency', 'energy', 'power', 'accuracy'
  limit: Sourced
  /** 'max': value ≤ limit passes; 'min': value ≥ limit passes */
  sense: 'max' | 'min'
}

/** contract (at least these fields; the engine may add more) */
export interface Track {
  id: TrackId
  name: string // 'Cloud Titan'
  persona: string // 'LLM Architect'
  mission: string // the fixed north-star mission
  /** the crisis in one sentence, with its numbers computed by the engine (not typed in) */
  crisis: string
  /** the crisis in a few words (for the badge on every slide), from the same numbers */
  crisisHeadline: string
  /** the stakeholder of part 3 and the demand, e.g. 'UX Designer' */
  stakeholder: { role: string; demand: string; /** part 3: the further cut of energy per inference demanded, e.g. 0.2 */ powerCutFraction: number }
  machine: MachineSpecPublic
  /** the operating point: batch, context (cloud), inferences per second (0 = back-to-back) */
  workload: { batch: Sourced; context?: Sourced; ratePerS: Sourced }
  metric: { name: string; unit: string }
  baseline: string // id of the baseline (teacher) model in `models`
  baselineAccuracy: number // in metric.unit
  models: ModelSpec[]
  budgets: Budget[]
  /** how the track's field quotes bytes ('si': 1 GB = 10⁹ B, datacenter; 'iec': KiB, embedded SRAM and flash) and energy per inference */
  units: { bytes: 'si' | 'iec'; energy: 'J' | 'mJ' | 'µJ' }
}

/** One named step between the theoretical and the realized speedup, for the speedup waterfall. */
/** The speedup waterfall's steps, in order (engine/latency.ts STEP_ORDER): each switches one realism on. */
export type SpeedupStepKey = 'precisionPath' | 'dequant' | 'sparsePath' | 'metadata' | 'activations' | 'rest'
export interface SpeedupStep {
  /** which step this is, for code (amdahlTerms finds the non-accelerated remainder by it, never by its words) */
  key: SpeedupStepKey
  name: string // e.g. 'no sparse fast path', 'index/metadata overhead', 'dequantization', 'non-accelerated layers'
  /** speedup after this step is applied (the first step starts from theoreticalSpeedup, the last ends at realizedSpeedup) */
  speedupAfter: number
  /** one sentence for the slide */
  why: string
}

export interface BudgetCheck {
  name: string
  pass: boolean
  value: number
  limit: number
  unit: string
}

/** contract (at least these fields) */
export interface Evaluation {
  memory: {
    weightsBytes: number
    metadataBytes: number // quantization + sparse-format metadata
    quantMetadataBytes: number
    sparseMetadataBytes: number
    activationsBytes: number
    kvCacheBytes: number
    totalBytes: number
    capacityBytes: number
    fits: boolean
    /** the memory level weights and activations are read from (e.g. 'HBM3', 'SRAM', 'flash') */
    weightsLevel: string
    activationsLevel: string
    /** how the weights are stored: 'dense' (pruned weights kept as zeros), 'bitmap', 'csr16', '2:4', or 'channels' (whole
     *  filters removed: a smaller dense model) */
    format: 'dense' | 'bitmap' | 'csr16' | '2:4' | 'channels'
    /** the storage format and kernel in words, e.g. 'bitmap (SpInfer kernel)' */
    kernel: string
    /** bytes held in the on-chip memory (for MCUs: the memory budget) */
    onChipBytes: number
  }
  /** one inference (cloud: one decoded token at the track's batch and context) */
  latencyMs: number
  /** latency lower bound from the roofline: max(bytes moved ÷ bandwidth, ops ÷ peak throughput) */
  latencyFloorMs: number
  bound: 'memory' | 'compute'
  theoreticalSpeedup: number
  realizedSpeedup: number
  speedupSteps: SpeedupStep[]
  energyPerInferenceJ: number
  /** compute = MACs × energy/MAC; dataMovement = bytes × energy/byte per level; static = busy power × latency */
  energy: { computeJ: number; dataMovementJ: number; staticJ: number }
  accuracy: number
  accuracyDrop: number
  checks: BudgetCheck[]
  binding: string | null
  /** what the energy and latency mean for this track, e.g. battery life in minutes, average power in W, tokens/s */
  impact: { label: string; value: number; unit: string }[]
}

/** A point of the sweep with its recipe; `dominated` is false on the frontier. */
export interface ParetoPoint {
  recipe: Recipe
  evaluation: Evaluation
  label: string // short human name of the recipe, e.g. 'INT4 · 50% 2:4 · Llama-3-8B distilled'
}

/** A prediction lock's question and its answer key, computed by the engine for a track. */
/** quantization and quantizationAccuracy are the two parts of lock 1 (one slide, one Lock / Reveal for both). */
export type LockId = 'quantization' | 'quantizationAccuracy' | 'sparsity' | 'distillation'
export interface LockDefinition {
  id: LockId
  /** a human name for messages, e.g. 'the FP16 → INT8 prediction' */
  title: string
  question: string
  kind: 'choice' | 'number'
  /** exactly 4 when kind is 'choice' */
  options?: string[]
  /** when kind is 'number' */
  range?: { min: number; max: number; step: number; unit: string }
}
export interface LockAnswer {
  /** index into options (choice) or the numeric answer (number) */
  value: number
  /** the answer in one sentence, with its numbers */
  explanation: string
  /** the recipes the key was computed from (what to show at the reveal) */
  basis: { label: string; recipe: Recipe }[]
}
