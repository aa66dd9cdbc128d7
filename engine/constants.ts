// Shared constants and the provenance helper. Every number in engine/ is a `Sourced`.
import type { ConstantKind, Precision, Sourced } from './types'

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

export const PRECISIONS: Precision[] = ['fp16', 'int8', 'int4', 'binary']
export const BITS: Record<Precision, number> = { fp16: 16, int8: 8, int4: 4, binary: 1 }

const HOROWITZ = 'Horowitz, "Computing\'s energy problem", ISSCC 2014, 45 nm (facts.md, V2); used unscaled: absolute values shrink on newer nodes, the ratios persist'

// Energy per operation (45 nm, unscaled; see README).
export const E_INT8_MAC = k('all', 'INT8 MAC energy', 0.23e-12, 'J', `${HOROWITZ}: INT8 mult 0.2 pJ + INT8 add 0.03 pJ`, 'derived')
export const E_FP16_MAC = k('all', 'FP16 MAC energy', 1.5e-12, 'J', `${HOROWITZ}: FP16 mult 1.1 pJ + FP16 add 0.4 pJ`, 'derived')
export const E_DRAM_BYTE = k('all', 'DRAM energy per byte', 1300e-12 / 8, 'J/B', `${HOROWITZ}: DRAM 64-bit read 1,300 pJ (low end of 1,300-2,600) / 8 bytes`, 'derived')
export const E_SRAM_1MB_BYTE = k('all', 'SRAM (1 MB) energy per byte', 100e-12 / 8, 'J/B', `${HOROWITZ}: 1 MB SRAM 64-bit read 100 pJ / 8 bytes`, 'derived')
export const E_SRAM_256KB_BYTE = k('all', 'SRAM (256 KB) energy per byte', (20e-12 * Math.pow(5, Math.log(8) / Math.log(32))) / 8, 'J/B',
  `${HOROWITZ}: log-interpolated between 32 KB (20 pJ/64 bit) and 1 MB (100 pJ/64 bit): 20·5^(log 8/log 32) pJ / 8 bytes`, 'derived')

/** Quantization metadata layout (one FP16 = 2 bytes). */
export const INT4_GROUP = k('all', 'INT4 quantization group size', 128, 'weights', 'GPTQ/AWQ g128 convention (Huang et al. 2024 evaluate W4 g128); assumption: one FP16 scale + one FP16 zero point per group (zero points are often packed smaller: conservative)', 'assumption')
export const SCALE_BYTES = k('all', 'bytes per scale / zero point', 2, 'B', 'assumption: scales and zero points stored as FP16', 'assumption')
export const CSR_INDEX_BITS = k('all', 'CSR column index width', 16, 'bit', 'assumption: 16-bit column index per kept value (CSR-style); row pointers neglected', 'assumption')
export const BITMAP_BITS = k('all', 'bitmap index cost', 1, 'bit per weight', 'assumption: one presence bit per weight position (bitmap format)', 'assumption')
export const IDX_24_BITS = k('all', '2:4 index bits per kept value', 2, 'bit', 'Mishra et al. 2021 (facts.md): 2-bit index per kept value; 16-bit: 36 bits per 4 values', 'published')

/** Quantization robustness vs model size (used by every track for students without their own anchor). */
export const BITS_PER_DECADE = k('all', 'quantization fragility per decade fewer parameters', 0.3, 'bit', 'assumption: each 10× fewer parameters moves the half-loss bit width up by 0.3 bit (direction: Huang et al. 2024 8B vs 70B; larger models are more robust)', 'assumption')

/** The 'baseline' alias used by BASELINE_RECIPE for every track. */
export const BASELINE_ALIAS = 'baseline'
