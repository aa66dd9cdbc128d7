// Per-viewer state kept in the browser through vueuse's useStorage, read back only when it still has the expected shape:
// a value from an older deck, another tab's experiment or a hand edit falls back to the default instead of breaking a
// slide. Storage that refuses to write (private mode, quota) leaves the state in memory for this page.
import { useStorage, type RemovableRef } from '@vueuse/core'
import type { MaybeRefOrGetter } from 'vue'

type Area = 'local' | 'session'

/** The browser's storage area, or none (then useStorage keeps the state in memory): reading `localStorage` itself
 *  throws where storage is blocked (a sandboxed frame, cookies off), and there is none outside a browser. */
function storageArea(area: Area): Storage | undefined {
  try { return area === 'local' ? globalThis.localStorage : globalThis.sessionStorage } catch { return undefined }
}
const keepInMemory = () => { /* storage refused: the state lives in memory for this page */ }

export function useCheckedStorage<T>(
  key: MaybeRefOrGetter<string>, fallback: T, valid: (v: unknown) => v is T, area: Area = 'session',
): RemovableRef<T> {
  return useStorage<T>(key, fallback, storageArea(area), {
    serializer: {
      read: (raw: string) => {
        try {
          const v: unknown = JSON.parse(raw)
          return valid(v) ? v : fallback
        } catch { return fallback }
      },
      write: (v: T) => JSON.stringify(v),
    },
    writeDefaults: false,
    onError: keepInMemory,
  })
}

/** A plain string, stored as it is (not JSON: vueuse's serializer for a null default); null ⇒ the key is removed. */
export function useStoredString(key: string, area: Area = 'session'): RemovableRef<string | null> {
  return useStorage<string | null>(key, null, storageArea(area), { writeDefaults: false, onError: keepInMemory })
}
