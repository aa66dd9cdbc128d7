// The committed teacher: Float32 little-endian weights in base64 inside a small versioned JSON document.
import type { Mlp } from './mlp'
import type { DatasetConfig } from './dataset'
import type { TrainConfig } from './train'

export const ARTIFACT_FORMAT = 'silicon-contract/lab-mlp@1'

export interface TeacherArtifact {
  format: string
  generatedBy: string
  sizes: number[]
  dtype: 'float32-le'
  layout: string
  /** sha256 (hex) of the decoded weight bytes */
  sha256: string
  dataset: DatasetConfig
  training: TrainConfig & { initSeed: number }
  metrics: { trainAccuracy: number; testAccuracy: number; params: number }
  weights: string
}

/** Concatenates every layer's W then b as Float32 little-endian bytes. */
export function modelToBytes(model: Mlp): Uint8Array {
  const n = model.layers.reduce((s, l) => s + l.w.length + l.b.length, 0)
  const buf = new ArrayBuffer(n * 4)
  const view = new DataView(buf)
  let k = 0
  for (const l of model.layers) {
    for (const v of l.w) view.setFloat32(4 * k++, v, true)
    for (const v of l.b) view.setFloat32(4 * k++, v, true)
  }
  return new Uint8Array(buf)
}

export function bytesToModel(bytes: Uint8Array, sizes: number[]): Mlp {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let k = 0
  const layers = []
  for (let i = 0; i + 1 < sizes.length; i++) {
    const inDim = sizes[i]
    const outDim = sizes[i + 1]
    const w = new Float64Array(inDim * outDim)
    const b = new Float64Array(outDim)
    for (let j = 0; j < w.length; j++) w[j] = view.getFloat32(4 * k++, true)
    for (let j = 0; j < b.length; j++) b[j] = view.getFloat32(4 * k++, true)
    layers.push({ inDim, outDim, w, b })
  }
  if (4 * k !== bytes.byteLength) throw new Error(`artifact has ${bytes.byteLength} bytes, sizes ${sizes.join('-')} need ${4 * k}`)
  return { layers }
}

/** Rounds a model's weights to Float32 (what the artifact stores), in place. */
export function roundToFloat32(model: Mlp): Mlp {
  for (const l of model.layers) {
    for (let i = 0; i < l.w.length; i++) l.w[i] = Math.fround(l.w[i])
    for (let i = 0; i < l.b.length; i++) l.b[i] = Math.fround(l.b[i])
  }
  return model
}

// Base64 by the platform's btoa/atob (globals in browsers, web workers and Node), which speak "binary strings" of one
// character per byte; not Buffer, since the lab also runs in the browser's worker. Converted in chunks because
// String.fromCharCode(...bytes) passes every byte as an argument: past ~100 KB (a wider teacher) it overflows the stack.
const CHUNK = 0x8000

export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  return btoa(binary)
}

export function fromBase64(s: string): Uint8Array {
  let binary: string
  try {
    binary = atob(s)
  } catch (e) {
    // atob's DOMException says only "invalid character": name what was being read
    throw new Error(`artifact weights: invalid base64 (${(e as Error).message})`)
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}

export function teacherFromArtifact(a: TeacherArtifact): Mlp {
  if (a.format !== ARTIFACT_FORMAT) throw new Error(`teacher artifact format "${a.format}", expected "${ARTIFACT_FORMAT}"`)
  return bytesToModel(fromBase64(a.weights), a.sizes)
}
