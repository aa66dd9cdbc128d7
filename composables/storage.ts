// Per-viewer state kept in the browser through vueuse's useStorage, read back only when it still has the expected shape:
// a value from an older deck, another tab's experiment or a hand edit falls back to the default instead of breaking a
// slide. Storage that is missing or refuses to write (private mode, quota) leaves the state in memory for this page.
import { useStorage, type RemovableRef, type StorageLike, type UseStorageOptions } from '@vueuse/core'
import type { MaybeRefOrGetter } from 'vue'
import type { z } from 'zod'

type Area = 'local' | 'session'

/** This page's memory, for where the browser has no storage area to give. */
function pageMemory(): StorageLike {
  const m = new Map<string, string>()
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) }
}
/** one per area, so every reader of a key in this page sees what another wrote */
const PAGE_MEMORY: Record<Area, StorageLike> = { local: pageMemory(), session: pageMemory() }

/** The browser's storage area, or this page's memory: reading `localStorage` itself throws where storage is blocked (a
 *  sandboxed frame, cookies off), and there is none outside a browser. Never the other area (vueuse's own fallback is
 *  localStorage, which would keep a tab's presenter secret across tabs and restarts). The one place the deck reaches
 *  the browser's storage (lint refuses it elsewhere); for a plain read or write, not a ref. A write may still throw
 *  (storage full, or refused in private mode): the caller says what is lost. */
export function storageArea(area: Area): StorageLike {
  try {
    return (area === 'local' ? globalThis.localStorage : globalThis.sessionStorage) ?? PAGE_MEMORY[area]
  } catch { return PAGE_MEMORY[area] }
}

const OPTIONS = {
  writeDefaults: false,
  // written at once with the key of that moment: with a key that follows the track, a write deferred to the next tick
  // could land under the next track's key (a switch in the same tick), and a switch would store the new key's default
  flush: 'sync',
  onError: () => { /* storage refused: the state lives in memory for this page */ },
} satisfies UseStorageOptions<unknown>

/** A value kept as JSON under `key`, read back only when `schema` accepts it (zod: a stored value another version of the
 *  deck wrote, or one edited by hand, reads as `fallback` instead of breaking the view). */
export function useCheckedStorage<T>(
  key: MaybeRefOrGetter<string>, fallback: T, schema: z.ZodType<T>, area: Area = 'session',
): RemovableRef<T> {
  return useStorage<T>(key, fallback, storageArea(area), {
    ...OPTIONS,
    serializer: {
      read: (raw: string) => {
        try {
          const read = schema.safeParse(JSON.parse(raw))
          return read.success ? read.data : fallback
        } catch { return fallback }
      },
      write: (v: T) => JSON.stringify(v),
    },
  })
}

/** A plain string, stored as it is (not JSON: vueuse's serializer for a null default); null ⇒ the key is removed. */
export function useStoredString(key: string, area: Area = 'session'): RemovableRef<string | null> {
  return useStorage<string | null>(key, null, storageArea(area), OPTIONS)
}
