// Trains the lab's teacher MLP and writes lab/artifacts/teacher.json.
//   npm run train            retrain and write the artifact
//   npm run train -- --check retrain and verify the committed artifact is reproduced bit-for-bit (exit 1 if not)
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { makeDataset } from '../lab/dataset'
import { accuracy, initMlp, paramCount } from '../lab/mlp'
import { runToEnd, trainSteps } from '../lab/train'
import { ARTIFACT_FORMAT, modelToBytes, roundToFloat32, toBase64, type TeacherArtifact } from '../lab/artifact'
import { DATASET, TEACHER, TEACHER_MIN_TEST_ACCURACY } from '../lab/config'

const out = fileURLToPath(new URL('../lab/artifacts/teacher.json', import.meta.url))
const check = process.argv.includes('--check')

const t0 = performance.now()
const data = makeDataset(DATASET)
const model = initMlp(TEACHER.sizes, TEACHER.initSeed)
runToEnd(trainSteps(model, data.train, TEACHER.train))
roundToFloat32(model)
const seconds = (performance.now() - t0) / 1000
const bytes = modelToBytes(model)
const artifact: TeacherArtifact = {
  format: ARTIFACT_FORMAT,
  generatedBy: 'npm run train (scripts/train.ts)',
  sizes: TEACHER.sizes,
  dtype: 'float32-le',
  layout: 'for each layer in order: W (out × in, row-major) then b (out)',
  sha256: createHash('sha256').update(bytes).digest('hex'),
  dataset: DATASET,
  training: { ...TEACHER.train, initSeed: TEACHER.initSeed },
  metrics: {
    trainAccuracy: accuracy(model, data.train),
    testAccuracy: accuracy(model, data.test),
    params: paramCount(model),
  },
  weights: toBase64(bytes),
}
const text = JSON.stringify(artifact, null, 2) + '\n'
console.log(
  `teacher ${TEACHER.sizes.join('-')}: ${artifact.metrics.params} params, train ${(100 * artifact.metrics.trainAccuracy).toFixed(1)}%, `
  + `test ${(100 * artifact.metrics.testAccuracy).toFixed(1)}%, trained in ${seconds.toFixed(1)} s, artifact ${(text.length / 1024).toFixed(0)} KB, sha256 ${artifact.sha256.slice(0, 16)}…`,
)
if (artifact.metrics.testAccuracy < TEACHER_MIN_TEST_ACCURACY) {
  console.error(`test accuracy below the floor ${TEACHER_MIN_TEST_ACCURACY}`)
  process.exit(1)
}
if (check) {
  let committed = ''
  try {
    committed = readFileSync(out, 'utf8')
  } catch {
    console.error(`no committed artifact at ${out}`)
    process.exit(1)
  }
  if (committed !== text) {
    console.error('MISMATCH: the committed artifact is not what this code and seed produce')
    process.exit(1)
  }
  console.log('OK: committed artifact reproduced bit-for-bit')
} else {
  writeFileSync(out, text)
  console.log(`wrote ${out}`)
}
