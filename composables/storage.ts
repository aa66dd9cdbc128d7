// Per-viewer state kept in the browser through vueuse's useStorage, read back only when it still has the expected shape:
// a value from an older deck, another tab's experiment or a hand edit falls back to the default instead of breaking a
// slide. Storage that refuses to write (private mode, quota) leaves the state in memory for this page.
import { useStorage, type RemovableRef } from '@vueuse/core'
import type { MaybeRefOrGetter } from 'vue'

export function useCheckedStorage<T>(
  key: MaybeRefOrGetter<string>, fallback: T, valid: (v: unknown) => v is T, area: 'local' | 'session' = 'session',
): RemovableRef<T> {
  let storage: Storage | undefined
  try { storage = area === 'local' ? globalThis.localStorage : globalThis.sessionStorage } catch { storage = undefined }
  return useStorage<T>(key, fallback, storage, {
    serializer: {
      read: (raw: string) => { try { const v: unknown = JSON.parse(raw); return valid(v) ? v : fallback } catch { return fallback } },
      write: (v: T) => JSON.stringify(v),
    },
    writeDefaults: false,
    onError: () => { /* storage refused: the state lives in memory for this page */ },
  })
}
