// An action behind a button (send, log in, close, reveal): busy while it runs, so the button disables, and its failure
// kept as a message to show beside it until the next run. vueuse's useAsyncState does the bookkeeping; the component
// still blurs its button first (house rule: a focused button would keep the presenter's arrow keys from the slides).
import { computed } from 'vue'
import { useAsyncState } from '@vueuse/core'

export function useAction<Args extends unknown[]>(action: (...args: Args) => Promise<unknown>) {
  // async: an action that throws before its first await becomes a rejection, which useAsyncState catches (it calls the
  // action outside its try, so a synchronous throw would escape `run` and leave `busy` on for good)
  const { isLoading, error, executeImmediate } = useAsyncState(async (...args: Args) => action(...args), undefined, {
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
