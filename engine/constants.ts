// Shared constants and the provenance helper. Every number in engine/ is a `Sourced`.
import type { ConstantKind, Precision, Sourced } from './types'
import { PRECISION } from './params'

export interface NamedConstant extends Sourced {
  name: string
  /** 'all' for constants shared by every track */
  track: string
}

const registry: NamedConstant[] = []

/** Declares a constant with its provenance and records it for listSources(). */
export function k(track: string, name: string, value: number, unit: string, source: string, kind: ConstantKind): Sourced {
  const c: Sourced = { value, unit, source, kind }
  registry.push({ name, track, ...c })
  return c
}

export function allConstants(): readonly NamedConstant[] {
  return registry
}

/** Precisions in falling bit order and their bits: the parameter table's (params.ts), under the names physics uses. */
export const PRECISIONS: readonly Precision[] = PRECISION.values
export const BITS: Readonly<Record<Precision, number>> = PRECISION.bits

const HOROWITZ = 'Horowitz, "Computing\'s energy problem", ISSCC 2014, 45 nm (facts.md, V2)'
const JOUPPI = 'Jouppi et al., "Ten Lessons From Three Generations Shaped Google\'s TPUv4i", ISCA 2021, energy table 45 nm vs 7 nm (7 nm column as recalled, V2: re-verify)'

/** Process nodes the engine has published operation energies for; each chip names the closest. */
export type Node = '45nm' | '7nm'

/** Energy per multiply-accumulate (mult + add) and per 64-bit SRAM read by node. */
export const OP_ENERGY: Record<Node, { int8Mac: Sourced; fp16Mac: Sourced; sram8KB: Sourced; sram32KB: Sourced; sram1MB: Sourced }> = {
  '45nm': {
    int8Mac: k('all', 'INT8 MAC energy (45 nm)', 0.23e-12, 'J', `${HOROWITZ}: INT8 mult 0.2 pJ + INT8 add 0.03 pJ`, 'derived'),
    fp16Mac: k('all', 'FP16 MAC energy (45 nm)', 1.5e-12, 'J', `${HOROWITZ}: FP16 mult 1.1 pJ + FP16 add 0.4 pJ`, 'derived'),
    sram8KB: k('all', 'SRAM 8 KB read per 64 bit (45 nm)', 10e-12, 'J', HOROWITZ, 'published'),
    sram32KB: k('all', 'SRAM 32 KB read per 64 bit (45 nm)', 20e-12, 'J', HOROWITZ, 'published'),
    sram1MB: k('all', 'SRAM 1 MB read per 64 bit (45 nm)', 100e-12, 'J', HOROWITZ, 'published'),
  },
  '7nm': {
    int8Mac: k('all', 'INT8 MAC energy (7 nm)', 0.077e-12, 'J', `${JOUPPI}: INT8 mult 0.07 pJ + INT8 add 0.007 pJ`, 'derived'),
    fp16Mac: k('all', 'FP16 MAC energy (7 nm)', 0.5e-12, 'J', `${JOUPPI}: FP16 mult 0.34 pJ + FP16 add 0.16 pJ`, 'derived'),
    sram8KB: k('all', 'SRAM 8 KB read per 64 bit (7 nm)', 7.5e-12, 'J', `${JOUPPI}: SRAM scales far less than logic`, 'published'),
    sram32KB: k('all', 'SRAM 32 KB read per 64 bit (7 nm)', 8.5e-12, 'J', JOUPPI, 'published'),
    sram1MB: k('all', 'SRAM 1 MB read per 64 bit (7 nm)', 14e-12, 'J', JOUPPI, 'published'),
  },
}

/** SRAM energy per byte for an array of `bytes` at `node`: log-log interpolation between the published 8 KB, 32 KB and
 *  1 MB points (held at the 1 MB figure above it: large caches are banked, an access reads one bank). */
export function sramEnergyPerByte(bytes: number, node: Node): number {
  const e = OP_ENERGY[node]
  const pts: [number, number][] = [[8 * 1024, e.sram8KB.value], [32 * 1024, e.sram32KB.value], [1024 * 1024, e.sram1MB.value]]
  if (bytes <= pts[0][0]) return pts[0][1] / 8
  if (bytes >= pts[2][0]) return pts[2][1] / 8
  const [[x0, y0], [x1, y1]] = bytes <= pts[1][0] ? [pts[0], pts[1]] : [pts[1], pts[2]]
  const t = Math.log(bytes / x0) / Math.log(x1 / x0)
  return Math.exp(Math.log(y0) + t * (Math.log(y1) - Math.log(y0))) / 8
}

/** Off-chip and non-volatile memories: energy per byte moved, by technology (independent of the logic node). */
export const MEMORY_ENERGY = {
  ddr: k('all', 'DDR3/4 energy per byte', 1300e-12 / 8, 'J/B', `${HOROWITZ}: DRAM 64-bit read 1,300 pJ (low end of 1,300-2,600); ${JOUPPI} keeps DDR3/4 at 1,300 pJ at 7 nm`, 'derived'),
  hbm: k('all', 'HBM energy per byte', 3.9e-12 * 8, 'J/B', 'O\'Connor et al., "Fine-Grained DRAM", MICRO 2017: HBM2 ≈ 3.9 pJ/bit (array + on-die movement + I/O); Jouppi et al. 2021: HBM2 250-450 pJ per 64 bit (3.9-7 pJ/bit); assumption: HBM3 no worse than HBM2', 'derived'),
  lpddr5: k('all', 'LPDDR5 energy per byte', 4e-12 * 8, 'J/B', 'assumption: ≈ 4 pJ/bit (vendor ranges for LPDDR5 3-5 pJ/bit, device + I/O); not a measured figure', 'assumption'),
  lpddr4x: k('all', 'LPDDR4X energy per byte', 5e-12 * 8, 'J/B', 'assumption: ≈ 5 pJ/bit (vendor ranges for LPDDR4/4X 4-6 pJ/bit, device + I/O); not a measured figure', 'assumption'),
}

/** Quantization metadata layout (one FP16 = 2 bytes). */
export const INT4_GROUP = k('all', 'INT4 quantization group size', 128, 'weights', 'GPTQ/AWQ g128 convention (Huang et al. 2024 evaluate W4 g128); assumption: one FP16 scale + one FP16 zero point per group (zero points are often packed smaller: conservative)', 'assumption')
export const SCALE_BYTES = k('all', 'bytes per scale / zero point', 2, 'B', 'assumption: scales and zero points stored as FP16', 'assumption')
export const CSR_INDEX_BITS = k('all', 'CSR column index width', 16, 'bit', 'Xia et al. VLDB 2024 "Flash-LLM": tiled CSL stores a 16-bit location with each kept FP16 value (tile pointers neglected)', 'published')
export const BITMAP_BITS = k('all', 'bitmap index cost', 1, 'bit per weight', 'assumption: one presence bit per weight position (bitmap format)', 'assumption')
export const IDX_24_BITS = k('all', '2:4 index bits per kept value', 2, 'bit', 'Mishra et al. 2021 (facts.md): 2-bit index per kept value; 16-bit: 36 bits per 4 values', 'published')

// Unstructured sparse kernels that stream compressed weights and decode them on chip ("load as sparse, compute as
// dense", Flash-LLM). Their weight-stream time relative to the dense kernel, with r = compressed bytes ÷ dense bytes:
//   t_sparse / t_dense = max(r, α·r + β)
// α and β solve the two published points exactly; max(r, …): no kernel moves its bytes faster than the dense one.
const FLASH = 'Xia et al. VLDB 2024 "Flash-LLM" §6: SpMM over cuBLAS on skinny (decode) FP16 matrices ≈ 1.4× at 70% and 2.1× at 90% unstructured sparsity (as summarised, V2), where r = 2(1 − s) (value + 16-bit location)'
const FLASH_70 = { r: 2 * (1 - 0.7), speedup: 1.4 }
const FLASH_90 = { r: 2 * (1 - 0.9), speedup: 2.1 }
const flashAlpha = (1 / FLASH_70.speedup - 1 / FLASH_90.speedup) / (FLASH_70.r - FLASH_90.r)
export const SPARSE_LOAD_ALPHA = k('all', 'sparse-load kernel: time per compressed byte (α)', flashAlpha, '× dense', `${FLASH}; α = (1/1.4 − 1/2.1) / (0.6 − 0.2)`, 'derived')
export const SPARSE_LOAD_BETA = k('all', 'sparse-load kernel: fixed decode overhead (β)', 1 / FLASH_90.speedup - flashAlpha * FLASH_90.r, '× dense', `${FLASH}; β = 1/2.1 − 0.2·α`, 'derived')

/** Ampere/Hopper sparse tensor cores: the datasheet's 2× is peak math; measured end to end it is far less, and less on
 *  CNNs than on transformers. */
export const SPARSE24_TRANSFORMER = k('all', '2:4 end-to-end math speedup (transformers)', 1.5, '×', 'NVIDIA (TensorRT 8 launch): BERT-Large INT8 with 2:4 sparsity ≈ 1.5× dense on A100, the best published end-to-end case (V2)', 'published')
export const SPARSE24_CNN = k('all', '2:4 end-to-end math speedup (CNNs)', 1.2, '×', 'NVIDIA, "Accelerating Inference with Sparsity Using the NVIDIA Ampere Architecture and TensorRT" (2021): "up to 20%" better performance on CNNs (V2)', 'published')
const CUDA_CORE_SPARSE = 'CUDA-core kernels that skip the zeros (Sputnik, Gale et al. SC20: 27% of FP32 peak on V100) run an order of magnitude below dense tensor-core rates and do not win at ≤ 90%, so a GPU here runs unstructured sparsity as Flash-LLM does (Xia et al. VLDB 2024): load as sparse (tiled CSL), compute as dense'
export const GPU_UNSTRUCTURED = { format: 'csr16' as const, formatSource: CUDA_CORE_SPARSE, decode: 'kernel' as const }

/** Quantization robustness vs model size (used by every track for students without their own anchor). */
export const BITS_PER_DECADE = k('all', 'quantization fragility per decade fewer parameters', 0.3, 'bit', 'assumption: each 10× fewer parameters moves the half-loss bit width up by 0.3 bit (direction: Huang et al. 2024 8B vs 70B; larger models are more robust)', 'assumption')
