// The class's contracts as the deck sees them (issue 13): live from the service (the presenter at any time, students
// after the reveal), or offline from the last live class baked into the build. Recomputed by the engine in classFrontier.ts.
import { computed, ref, shallowRef, watch } from 'vue'
import { GAME_MAX_TRIES } from '../engine'
import type { TrackId } from '../engine'
import { classFrontier, gameRooms } from '../logic/classFrontier'
import type { ContractsView } from '../server/api'
import { useClassSession } from './useClassSession'
import { bakedFile } from './baked'

type Seen = Omit<ContractsView, 'phase'>
/** The contracts baked into this build by `npm run bake-results` (none in a build that was never baked). */
export async function bakedContracts(): Promise<{ bakedAt: string | null; contracts: Seen | null }> {
  const { bakedAt, contracts } = await bakedFile()
  return { bakedAt, contracts: contracts ?? null }
}

export function useClassContracts() {
  const session = useClassSession()
  const live = computed(() => session.mode.value === 'live')
  const counts = computed(() => session.snapshot.value?.contracts ?? { phase: 'open' as const, count: 0, games: 0, version: 0 })
  const phase = computed(() => counts.value.phase)
  /** live: may this viewer read the recipes now? (the service enforces it; this only avoids asking for a 403) */
  const visible = computed(() => !live.value || session.isPresenter.value || phase.value === 'revealed')
  const seen = shallowRef<Seen | null>(null)
  const bakedAt = ref<string | null>(null)
  const error = ref<string | null>(null)

  /** Only the latest fetch may write: a slow answer to an earlier one must not overwrite a newer room. */
  let latest = 0
  async function load(): Promise<void> {
    const mineNo = ++latest
    error.value = null
    try {
      if (session.mode.value === 'unknown') return
      if (!live.value) {
        const b = await bakedContracts()
        if (mineNo !== latest) return
        bakedAt.value = b.bakedAt
        seen.value = b.contracts
      } else {
        const got = visible.value ? await session.contracts() : null
        if (mineNo === latest) seen.value = got
      }
    } catch (e) { if (mineNo === latest) error.value = (e as Error).message }
  }
  // the presenter's view follows every change of the room (its version arrives over the event stream): a resubmitted,
  // changed contract leaves the count as it was, so the count cannot be the signal (issue 19); students load at the reveal
  watch([session.mode, visible, () => counts.value.version], load, { immediate: true })

  const room = computed(() => classFrontier(seen.value?.contracts ?? []))
  const games = computed(() => gameRooms(seen.value?.games ?? {}, seen.value?.maxTries ?? GAME_MAX_TRIES))
  return {
    live, phase, counts, visible, seen, bakedAt, error, room, games, refresh: load,
    tracks: computed<TrackId[]>(() => room.value.rooms.map((r) => r.track)),
  }
}
