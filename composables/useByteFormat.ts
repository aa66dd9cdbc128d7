// The deck's byte formatters bound to a track's convention (engine: TRACKS[id].units.bytes): decimal GB for the
// datacenter as on its datasheets, KiB for the hearable's SRAM and flash. The viewer's track unless one is given
// (the class's plots show every track in the room, each in its own units).
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { TRACKS, type TrackId } from '../engine'
import { formatBytes, formatValue, unitFor } from '../logic/format'
import { useDeckState } from './deckState'

export function useByteFormat(track?: MaybeRefOrGetter<TrackId>) {
  const deck = track === undefined ? useDeckState() : null
  const units = computed(() => TRACKS[toValue(track ?? deck!.track)].units.bytes)
  return {
    units,
    formatBytes: (bytes: number) => formatBytes(bytes, units.value),
    unitFor: (bytes: number) => unitFor(bytes, units.value),
    formatValue: (value: number, unit: string) => formatValue(value, unit, units.value),
  }
}
