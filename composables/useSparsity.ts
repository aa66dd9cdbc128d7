// Part 2's ten tries, kept per viewer and per track for the browser session (the rules are logic/sparsity.ts).
import type { Ref } from 'vue'
import type { Recipe, TrackId } from '../engine'
import { AttemptList, judgeAttempt, recordAttempt, type Attempt } from '../logic/sparsity'
import { useCheckedStorage } from './storage'

export function useAttempts(track: Ref<TrackId>) {
  const attempts = useCheckedStorage<Attempt[]>(() => `silicon-contract:attempts:${track.value}`, [], AttemptList)
  return {
    attempts,
    record(recipe: Recipe) {
      attempts.value = recordAttempt(attempts.value, judgeAttempt(track.value, recipe))
    },
    restart() {
      attempts.value = []
    },
  }
}
