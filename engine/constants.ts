// Shared constants and the provenance helper. Every number in engine/ is a `Sourced`.
import type { ConstantKind, Sourced } from './types'

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
// dense": Flash-LLM, SpInfer). Their weight-stream time relative to the dense kernel, with r = compressed bytes ÷ dense
// bytes of the same weights:   t_sparse / t_dense = max(r, α·r + β)
// α and β solve two published (sparsity, speedup over cuBLAS) points of each kernel exactly; max(r, …): no kernel moves
// its bytes faster than the dense one. A weight decoder in hardware (an NPU's) streams at line rate: overhead null.
export interface SparseLoad {
  format: 'csr16' | 'bitmap'
  /** the format and its decoder in words, for the slide */
  name: string
  source: string
  overhead: { alpha: Sourced; beta: Sourced } | null
}
/** bytes of a sparse format over dense, at FP16 with a fraction s pruned (what the kernels were measured on) */
const FP16_RATIO = { csr16: (s: number) => 2 * (1 - s), bitmap: (s: number) => (1 - s) + 1 / 16 }
/** α and β of a sparse-load kernel through two published (sparsity, speedup over the dense kernel) points. */
function measuredSparseLoad(format: SparseLoad['format'], name: string, points: [s: number, speedup: number][], source: string): SparseLoad {
  const [[s1, x1], [s2, x2]] = points
  const [r1, r2] = [FP16_RATIO[format](s1), FP16_RATIO[format](s2)]
  const alpha = (1 / x1 - 1 / x2) / (r1 - r2)
  const beta = 1 / x2 - alpha * r2
  const formula = `r = ${format === 'csr16' ? '2(1 − s)' : '(1 − s) + 1/16'}; through (${s1}, ${x1}×) and (${s2}, ${x2}×)`
  return {
    format, name, source,
    overhead: {
      alpha: k('all', `${name}: time per compressed byte (α)`, alpha, '× dense', `${source}; ${formula}`, 'derived'),
      beta: k('all', `${name}: fixed decode overhead (β)`, beta, '× dense', `${source}; ${formula}`, 'derived'),
    },
  }
}
const SPINFER_SRC = 'Fan et al. EuroSys 2025 "SpInfer" (TCA-BME bitmap: one presence bit per weight position; "outperforms cuBLAS at sparsity levels as low as 30%", abstract). The paper\'s per-sparsity figures were not reachable; the points are the medians of the reproduction on an A100 linked from the authors\' repo (HPMLL/SpInfer_EuroSys25 issue #3: FP16, N = 8, vs cuBLAS with tensor cores: ≈1.00× at 40%, ≈1.10× at 70%; read from its figure, V2), which reports lower speedups than the paper\'s RTX 4090 / A6000 runs. The same rerun measured Flash-LLM about 10% below its README (≈1.27× at 70%), so beside Flash-LLM\'s README fit this kernel is if anything understated; above 70% it is extrapolated'
const SPINFER_POINTS: [number, number][] = [[0.4, 1.0], [0.7, 1.1]]
const FLASH = 'Xia et al. VLDB 2024 "Flash-LLM", authors\' README (AlibabaResearch/flash-llm): SpMM over cuBLAS with tensor cores on skinny (decode, N = 8-32) FP16 matrices on an A100: 1.4×, 1.7×, 2.1× at 70%, 80%, 90% unstructured sparsity; tiled CSL stores a 16-bit location with each kept value'
const FLASH_LLM = measuredSparseLoad('csr16', 'position list (Flash-LLM kernel)', [[0.7, 1.4], [0.9, 2.1]], FLASH)
const SPINFER = measuredSparseLoad('bitmap', 'bitmap (SpInfer kernel)', SPINFER_POINTS, SPINFER_SRC)

/** Ampere/Hopper sparse tensor cores: the datasheet's 2× is peak math; measured end to end it is far less, and less on
 *  CNNs than on transformers. */
export const SPARSE24_TRANSFORMER = k('all', '2:4 end-to-end math speedup (transformers)', 1.5, '×', 'NVIDIA (TensorRT 8 launch): BERT-Large INT8 with 2:4 sparsity ≈ 1.5× dense on A100, the best published end-to-end case (V2)', 'published')
const ORIN_DLA_24 = [1.31, 1.35, 1.32, 1.24]
export const SPARSE24_CNN_ORIN = k('all', '2:4 end-to-end speedup (CNNs, Jetson AGX Orin)', ORIN_DLA_24.reduce((a, b) => a + b) / ORIN_DLA_24.length, '×',
  'NVIDIA/Deep-Learning-Accelerator-SW README, "DLA Sparse performance" (Jetson AGX Orin 64 GB, JetPack 5.1.1, TensorRT, batch 1, MAXN): dense → 2:4 sparse 1.31× RetinaNet-ResNeXt-50, 1.35× ResNet-34 backbone, 1.32× RetinaNet-ResNet-34, 1.24× SSD-ResNet-34; mean. Measured on Orin\'s DLAs (no Orin GPU figure was found); assumption: the GPU\'s sparse tensor cores gain as much', 'derived')
/** Sparse-Marlin (IST-DASLab README figure, RTX 3090, batch 1): INT4 + 2:4 ≈ 5.08× FP16, dense Marlin INT4 ≈ 3.87×. Both
 *  are memory-bound at batch 1, so the ratio is what the 2:4 weight stream gains: stored 2:4 INT4 bytes are (2 + 1)/4 of
 *  dense INT4 (half the values, a 2-bit index each), so the stream runs at (5.08 / 3.87) × 3/4 of dense efficiency. */
// Marlin streams 4-bit weights + an FP16 scale per 128 (0.125 bit); the 2:4 kernel streams 3 bits (2 of value, 1 of index)
// + the same scales. With the engine's split (scales at line rate, the 2:4 values at efficiency η):
//   (0.125 + 3/η) = (4 + 0.125) ÷ (5.08 / 3.87)
export const SPARSE_MARLIN_EFFICIENCY = k('all', '2:4 weight-stream efficiency (Sparse-Marlin, batch 1)', 3 / ((4 + 0.125) / (5.08 / 3.87) - 0.125), '',
  'IST-DASLab/Sparse-Marlin README (figure: RTX 3090, 82k × 20k, batch 1: INT4 + 2:4 ≈ 5.08×, dense Marlin ≈ 3.87× over FP16; read from the figure, ±0.05); η = 3 / ((4 + 0.125)/(5.08/3.87) − 0.125), the group scales streamed at line rate; assumption: Hopper runs the same kernel as well (the README: "not yet optimized for Hopper")', 'derived')
/** Channel pruning on a GPU: the narrower layers of a pruned ResNet-50 run below the dense rate per MAC. */
const HALP = 'NVlabs/HALP README, ImageNet: pruned ResNet-50s HALP80 2.998 GFLOPs 1,213 FPS and HALP30 1.113 GFLOPs 2,610 FPS'
export const CHANNELS_ELASTICITY = k('all', 'channel pruning: throughput elasticity e (time ∝ (1 − s)^e)', Math.log(2610 / 1213) / Math.log(2.998 / 1.113), '',
  `${HALP}: throughput grows 2.15× for 2.69× fewer FLOPs, e = ln 2.15 / ln 2.69. Measured on a GPU at large batch. Against it: EagleEye-1G gains 2.38× at batch 256 but only 1.06× at batch 1 at 224² (HALP\'s tables, V2), and a Torch-Pruning ResNet-50 sweep is not monotonic in latency. Assumptions: a 1080p frame at batch 1 (41× the pixels of 224²) keeps the GPU as busy as a large batch, and NPUs and MCUs lose as much on thin layers (no figure found)`, 'derived')
/** CUDA-core kernels that skip the zeros (Sputnik, Gale et al. SC20: 27% of FP32 peak on V100) run an order of magnitude
 *  below dense tensor-core rates and do not win at ≤ 90%, so a GPU runs unstructured sparsity as Flash-LLM and SpInfer
 *  do: load as sparse, compute as dense on the tensor cores. Both kernels are offered; the fastest that fits is used. */
export const GPU_UNSTRUCTURED = { loads: [FLASH_LLM, SPINFER] }

/** Quantization robustness vs model size (used by every track for students without their own anchor). */
export const BITS_PER_DECADE = k('all', 'quantization fragility per decade fewer parameters', 0.3, 'bit', 'assumption: each 10× fewer parameters moves the half-loss bit width up by 0.3 bit (direction: Huang et al. 2024 8B vs 70B; larger models are more robust)', 'assumption')
