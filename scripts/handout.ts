// `npm run export:handout [-- --track edge] [--timeout MS]`: the deck's PDF printed for one track (or, without --track,
// one per track), with each prediction lock's key and the engine's explanation after its question:
// dist-export/silicon-contract-handout-<track>.pdf. Slidev's exporter takes no URL query of ours, so the track goes to
// the export's dev server as VITE_HANDOUT_TRACK (composables/handout.ts); its class-session service gets a throwaway
// data folder, so printing never opens the rehearsal's store.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { TRACK_IDS, type TrackId } from '../engine/index.ts'

export const handoutPath = (track: TrackId) => `dist-export/silicon-contract-handout-${track}.pdf`

function tracksOf(arg: string | undefined): TrackId[] {
  if (arg === undefined) return [...TRACK_IDS]
  if (!(TRACK_IDS as readonly string[]).includes(arg)) throw new Error(`unknown track "${arg}" (one of ${TRACK_IDS.join(', ')})`)
  return [arg as TrackId]
}

try {
  const { values } = parseArgs({ options: { track: { type: 'string' }, timeout: { type: 'string', default: '120000' } } })
  const data = mkdtempSync(join(tmpdir(), 'silicon-handout-'))
  try {
    for (const track of tracksOf(values.track)) {
      // the first load of a cold dev server can outlast Slidev's 30 s default while Vite optimises dependencies
      const r = spawnSync('npx', ['slidev', 'export', '--timeout', values.timeout, '--output', handoutPath(track)], {
        stdio: 'inherit', env: { ...process.env, VITE_HANDOUT_TRACK: track, CLASS_DATA: data, DATABASE_URL: '' },
      })
      if (r.status !== 0) throw new Error(`slidev export failed for ${track} (exit ${r.status})`)
      console.log(`handout for ${track}: ${handoutPath(track)}`)
    }
  } finally { rmSync(data, { recursive: true, force: true }) }
} catch (e) {
  console.error(`error: ${(e as Error).message}`)
  process.exit(2)
}
