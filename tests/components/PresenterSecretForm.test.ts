// The presenter's secret form: the server checks the secret; a wrong one says so, a right one stays in this tab's
// sessionStorage as the raw string (what a reload of the tab reads back).
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'

vi.mock('../../composables/sessionApi', async (orig) => {
  const real = await orig<typeof import('../../composables/sessionApi')>()
  return {
    ...real,
    probeLive: async () => false,
    checkSecret: async (s: string) => { if (s !== 's3cret') throw new real.SessionError(401, 'wrong presenter secret', 'bad_secret'); return { presenter: true } },
  }
})

async function mountForm() {
  vi.resetModules()
  const { default: PresenterSecretForm } = await import('../../components/PresenterSecretForm.vue')
  const { useClassSession } = await import('../../composables/useClassSession')
  const w = mount(PresenterSecretForm, { attachTo: document.body })
  await flushPromises()
  return { w, session: useClassSession() }
}

enableAutoUnmount(afterEach)
beforeEach(() => sessionStorage.clear())

it('a wrong secret shows the server’s refusal, keeps nothing and gives the keyboard back to the slide', async () => {
  const { w, session } = await mountForm()
  await w.get('input').setValue('guess')
  ;(w.get('button').element as HTMLButtonElement).focus()
  expect(document.activeElement).toBe(w.get('button').element)
  await w.get('form').trigger('submit')
  expect(document.activeElement).not.toBe(w.get('button').element)
  await flushPromises()
  expect(w.get('[role="alert"]').text()).toBe('wrong presenter secret')
  expect(w.get('button').attributes('disabled')).toBeUndefined()
  expect(session.isPresenter.value).toBe(false)
  expect(sessionStorage.getItem('silicon-contract:presenter-secret')).toBeNull()
})

it('the right secret unlocks the controls and stays in this tab as the raw string; logging out removes it', async () => {
  const { w, session } = await mountForm()
  await w.get('input').setValue('s3cret')
  await w.get('form').trigger('submit')
  await flushPromises()
  expect(w.find('[role="alert"]').exists()).toBe(false)
  expect((w.get('input').element as HTMLInputElement).value).toBe('')
  expect(session.isPresenter.value).toBe(true)
  expect(sessionStorage.getItem('silicon-contract:presenter-secret')).toBe('s3cret')
  session.logout()
  await flushPromises()
  expect(sessionStorage.getItem('silicon-contract:presenter-secret')).toBeNull()
})
