// An action behind a button (send, log in, close, reveal): busy while it runs, so the button disables, and its failure
// kept as a message to show beside it until the next run. vueuse's useAsyncState does the bookkeeping; the component
// still blurs its button first (house rule: a focused button would keep the presenter's arrow keys from the slides).
import { computed } from 'vue'
import { useAsyncState } from '@vueuse/core'

export function useAction<Args extends unknown[]>(action: (...args: Args) => Promise<unknown>) {
  const { isLoading, error, executeImmediate } = useAsyncState(action, undefined, {
    immediate: false,
    onError: () => { /* shown as `error`; not an uncaught error for the console */ },
  })
  return {
    busy: isLoading,
    error: computed(() => (error.value === undefined ? null : error.value instanceof Error ? error.value.message : String(error.value))),
    /** never rejects: a failure lands in `error` */
    run: (...args: Args): Promise<unknown> => executeImmediate(...args),
  }
}
