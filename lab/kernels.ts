// Matrix–vector products in three storage formats, for the "software tax" micro-benchmark.
// Each kernel gets the same care: float64 accumulation with four independent accumulators (so none is bound by
// one long chain of dependent additions). On the same pruned matrix they agree to rounding (≈1e-15 relative).

export interface DenseMatrix { rows: number; cols: number; values: Float32Array }
export interface CsrMatrix { rows: number; cols: number; rowPtr: Int32Array; colIdx: Int32Array; values: Float32Array }
/** 2:4 compressed: 2 values per group of 4 columns, and one metadata byte per group (two 2-bit positions). */
export interface TwoFourMatrix { rows: number; cols: number; values: Float32Array; meta: Uint8Array }

export function dense(rows: number, cols: number, w: ArrayLike<number>): DenseMatrix {
  if (w.length !== rows * cols) throw new Error(`matrix needs ${rows * cols} values, got ${w.length}`)
  return { rows, cols, values: Float32Array.from(w) }
}

export function toCsr(m: DenseMatrix): CsrMatrix {
  const { rows, cols, values } = m
  let nnz = 0
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) nnz++
  const rowPtr = new Int32Array(rows + 1)
  const colIdx = new Int32Array(nnz)
  const v = new Float32Array(nnz)
  let k = 0
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x = values[r * cols + c]
      if (x !== 0) {
        colIdx[k] = c
        v[k++] = x
      }
    }
    rowPtr[r + 1] = k
  }
  return { rows, cols, rowPtr, colIdx, values: v }
}

/** Compresses a matrix that satisfies 2:4 (at most 2 non-zeros per group of 4); throws otherwise. */
export function toTwoFour(m: DenseMatrix): TwoFourMatrix {
  const { rows, cols, values } = m
  if (cols % 4 !== 0) throw new Error(`2:4 needs cols to be a multiple of 4, got ${cols}`)
  const groups = (rows * cols) / 4
  const v = new Float32Array(groups * 2)
  const meta = new Uint8Array(groups)
  for (let g = 0; g < groups; g++) {
    const pos: number[] = []
    for (let j = 0; j < 4; j++) if (values[4 * g + j] !== 0) pos.push(j)
    if (pos.length > 2) throw new Error(`group ${g} has ${pos.length} non-zeros: not 2:4 sparse`)
    // pad with unused positions (their stored value is 0) keeping the two positions increasing
    for (let j = 0; pos.length < 2; j++) if (!pos.includes(j)) pos.push(j)
    pos.sort((a, b) => a - b)
    v[2 * g] = values[4 * g + pos[0]]
    v[2 * g + 1] = values[4 * g + pos[1]]
    meta[g] = pos[0] | (pos[1] << 2)
  }
  return { rows, cols, values: v, meta }
}

export function denseMatVec(m: DenseMatrix, x: Float64Array, y: Float64Array): void {
  const { rows, cols, values } = m
  const c4 = cols & ~3
  for (let r = 0; r < rows; r++) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0
    const base = r * cols
    let c = 0
    for (; c < c4; c += 4) {
      s0 += values[base + c] * x[c]
      s1 += values[base + c + 1] * x[c + 1]
      s2 += values[base + c + 2] * x[c + 2]
      s3 += values[base + c + 3] * x[c + 3]
    }
    for (; c < cols; c++) s0 += values[base + c] * x[c]
    y[r] = s0 + s1 + (s2 + s3)
  }
}

export function csrMatVec(m: CsrMatrix, x: Float64Array, y: Float64Array): void {
  const { rows, rowPtr, colIdx, values } = m
  for (let r = 0; r < rows; r++) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0
    let k = rowPtr[r]
    const end = rowPtr[r + 1]
    for (; k + 3 < end; k += 4) {
      s0 += values[k] * x[colIdx[k]]
      s1 += values[k + 1] * x[colIdx[k + 1]]
      s2 += values[k + 2] * x[colIdx[k + 2]]
      s3 += values[k + 3] * x[colIdx[k + 3]]
    }
    for (; k < end; k++) s0 += values[k] * x[colIdx[k]]
    y[r] = s0 + s1 + (s2 + s3)
  }
}

export function twoFourMatVec(m: TwoFourMatrix, x: Float64Array, y: Float64Array): void {
  const { rows, cols, values, meta } = m
  const gpr = cols >> 2
  for (let r = 0; r < rows; r++) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0
    let g = r * gpr
    const gEnd = g + gpr
    let c = 0
    for (; g + 1 < gEnd; g += 2, c += 8) {
      const m0 = meta[g]
      const m1 = meta[g + 1]
      s0 += values[2 * g] * x[c + (m0 & 3)]
      s1 += values[2 * g + 1] * x[c + (m0 >> 2)]
      s2 += values[2 * g + 2] * x[c + 4 + (m1 & 3)]
      s3 += values[2 * g + 3] * x[c + 4 + (m1 >> 2)]
    }
    if (g < gEnd) {
      const m0 = meta[g]
      s0 += values[2 * g] * x[c + (m0 & 3)]
      s1 += values[2 * g + 1] * x[c + (m0 >> 2)]
    }
    y[r] = s0 + s1 + (s2 + s3)
  }
}

/** Storage in bytes: values FP32; CSR adds a 4-byte column index per value and a row pointer per row. */
export function storageBytes(m: DenseMatrix | CsrMatrix | TwoFourMatrix): number {
  if ('rowPtr' in m) return m.values.length * 8 + m.rowPtr.length * 4
  if ('meta' in m) return m.values.length * 4 + m.meta.length
  return m.values.length * 4
}

/**
 * Time per call in nanoseconds: a warm-up, then batches growing until one lasts `minMs / 3`, then the fastest
 * of three such batches (the minimum is the least disturbed by other work on a shared machine).
 */
export function timePerCall(fn: () => void, minMs: number, now: () => number = () => performance.now()): number {
  for (let i = 0; i < 3; i++) fn()
  const batch = (reps: number) => {
    const t0 = now()
    for (let i = 0; i < reps; i++) fn()
    return now() - t0
  }
  let reps = 1
  let dt = batch(reps)
  while (dt < minMs / 3 && reps < 1e8) {
    reps *= dt < minMs / 24 ? 8 : 2
    dt = batch(reps)
  }
  const best = Math.min(dt, batch(reps), batch(reps))
  return (best * 1e6) / reps
}
