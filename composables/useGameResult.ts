// Sends a student's part-2 game to the class when it ends (issue 13): found the window on try n, or out of ten tries.
// Only in a live class, only for a student (the presenter's view never counts), only on the move from playing to over,
// so a reload that restores a finished game from sessionStorage does not send it again.
import { ref, watch } from 'vue'
import type { Attempt } from '../logic/sparsity'
import { attemptStatus } from '../logic/sparsity'
import { useClassSession } from './useClassSession'
import { useDeckState } from './deckState'

export function useGameResult(attempts: () => Attempt[]) {
  const session = useClassSession()
  const { track } = useDeckState()
  const state = ref<'idle' | 'sending' | 'sent' | 'error'>('idle')
  const message = ref('')
  watch(() => attemptStatus(attempts()), async (now, before) => {
    if (before !== 'open' || now === 'open' || session.mode.value !== 'live' || session.isPresenter.value) return
    const tries = attempts().length
    state.value = 'sending'
    message.value = 'sending your result to the class…'
    try {
      const r = await session.submitGame(track.value, tries, now === 'success')
      state.value = 'sent'
      message.value = `✓ ${r.replaced ? 'your new result replaced the earlier one' : 'result sent to the class'} (${now === 'success' ? `found on try ${tries}` : 'out of tries'})`
    } catch (e) {
      state.value = 'error'
      message.value = `your result was not sent: ${(e as Error).message}`
    }
  })
  return { state, message }
}
