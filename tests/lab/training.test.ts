import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { accuracy, DATASET, initMlp, makeDataset, runToEnd, teacherFromArtifact, TEACHER_MIN_TEST_ACCURACY, trainSteps, type TeacherArtifact } from '../../lab'
import { fromBase64, modelToBytes, toBase64 } from '../../lab/artifact'

const artifactPath = new URL('../../lab/artifacts/teacher.json', import.meta.url)
const artifact = JSON.parse(readFileSync(artifactPath, 'utf8')) as TeacherArtifact
const small = { ...DATASET, trainSize: 240, testSize: 120 }

describe('dataset', () => {
  it('is deterministic for a seed, balanced, ≥ 10 classes, and the test split is not the train split', () => {
    const a = makeDataset(small)
    const b = makeDataset(small)
    expect(a.train.x).toEqual(b.train.x)
    expect(makeDataset({ ...small, seed: 2 }).train.x).not.toEqual(a.train.x)
    expect(DATASET.classes).toBeGreaterThanOrEqual(10)
    const counts = new Array(small.classes).fill(0)
    a.train.y.forEach((c) => counts[c]++)
    expect(new Set(counts).size).toBe(1)
    expect(a.test.x.subarray(0, small.dim)).not.toEqual(a.train.x.subarray(0, small.dim))
  })
})

describe('training', () => {
  const train = (seed: number) => {
    const m = initMlp([small.dim, 16, small.classes], 1)
    runToEnd(trainSteps(m, makeDataset(small).train, { seed, epochs: 3, batch: 16, lr: 3e-3 }))
    return m
  }
  it('is deterministic for a seed (bit-identical weights) and depends on it', () => {
    const a = train(5)
    expect(modelToBytes(a)).toEqual(modelToBytes(train(5)))
    expect(modelToBytes(a)).not.toEqual(modelToBytes(train(6)))
  })
  it('learns: accuracy on its training data rises well above chance (1/12)', () => {
    const data = makeDataset(small)
    const m = initMlp([small.dim, 32, small.classes], 1)
    runToEnd(trainSteps(m, data.train, { seed: 1, epochs: 30, batch: 16, lr: 3e-3 }))
    expect(accuracy(m, data.train)).toBeGreaterThan(0.5)
  })
  it('yields progress that rises to 1', () => {
    const m = initMlp([small.dim, 8, small.classes], 1)
    const fr = [...trainSteps(m, makeDataset(small).train, { seed: 1, epochs: 4, batch: 16, lr: 1e-3 }, 5)]
    expect(fr.at(-1)).toBe(1)
    for (let i = 1; i < fr.length; i++) expect(fr[i]).toBeGreaterThan(fr[i - 1])
  })
})

describe('committed teacher artifact', () => {
  it('is small, versioned, and its sha256 matches its weights', () => {
    expect(statSync(artifactPath).size).toBeLessThan(200 * 1024)
    expect(artifact.format).toBe('silicon-contract/lab-mlp@1')
    const bytes = fromBase64(artifact.weights)
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(artifact.sha256)
    expect(toBase64(bytes)).toBe(artifact.weights)
  })
  it(`scores above the stated floor (${TEACHER_MIN_TEST_ACCURACY}) on the regenerated held-out split`, () => {
    const teacher = teacherFromArtifact(artifact)
    const data = makeDataset(artifact.dataset)
    const acc = accuracy(teacher, data.test)
    expect(acc).toBeGreaterThanOrEqual(TEACHER_MIN_TEST_ACCURACY)
    expect(acc).toBe(artifact.metrics.testAccuracy)
  })
  it('round-trips any length through base64, past what one String.fromCharCode call can take, and names bad input', () => {
    for (const n of [0, 1, 2, 3, 300_001]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 7919) & 255)
      expect(fromBase64(toBase64(bytes))).toEqual(bytes)
    }
    expect(toBase64(Uint8Array.of(1, 2))).toBe('AQI=')
    expect(() => fromBase64('AQ$=')).toThrow(/artifact weights: invalid base64/)
  })
  it('rejects an unknown format', () => {
    expect(() => teacherFromArtifact({ ...artifact, format: 'other@9' })).toThrow(/format/)
  })
})
