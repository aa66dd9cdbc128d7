// `tsx scripts/precompress.ts [dist]`: brotli and gzip copies of the built deck (npm run build runs it), and the bytes
// one student downloads for the whole lecture.
import { lectureBytes, precompress } from '../server/precompress.ts'

const dir = process.argv[2] ?? 'dist'
const n = precompress(dir)
const b = lectureBytes(dir)
console.log(`precompressed ${n} files in ${dir}; a student downloads ${(b.brotli / 1e6).toFixed(2)} MB for the whole lecture (brotli; ${(b.raw / 1e6).toFixed(2)} MB uncompressed, ${b.files} files)`)
