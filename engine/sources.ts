// "Where does this number come from": every registered constant with its source and kind.
import type { ConstantKind, TrackId } from './types'
import { allConstants } from './constants'
import { validateTrack, EngineInputError } from './validate'
import './tracks' // registers the track constants

export interface SourceRow { name: string; value: number; unit: string; source: string; kind: ConstantKind; track: string }

/** All constants shared by every track, plus the given track's own (or every track's when omitted). */
export function listSources(track?: TrackId): SourceRow[] {
  const t = track === undefined ? undefined : validateTrack(track)
  return allConstants()
    .filter((c) => t === undefined || c.track === 'all' || c.track === t)
    .map((c) => ({ name: c.name, value: c.value, unit: c.unit, source: c.source, kind: c.kind, track: c.track }))
}

/** One constant by name (exact, case-insensitive), looked up in the track's list. */
export function describeConstant(name: string, track?: TrackId): SourceRow {
  const row = listSources(track).find((c) => c.name.toLowerCase() === name.toLowerCase())
  if (!row) throw new EngineInputError('name', `no constant named ${JSON.stringify(name)}`)
  return row
}
