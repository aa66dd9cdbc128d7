// The presenter's CSV of a lock with every round in it (issue 19 #10), read with the presenter secret of this tab.
import * as api from './sessionApi'
import { downloadBlob } from './download'
import { useStoredString } from './storage'
import { exportName, mergeRoundCsvs, roundsUpTo } from '../logic/csvRounds'

const secret = useStoredString('silicon-contract:presenter-secret', 'session')

/** Downloads rounds 1 … `current` of a poll as one CSV. */
export async function exportAllRounds(poll: string, current: number): Promise<void> {
  if (!secret.value) throw new api.SessionError(401, 'enter the presenter secret first')
  const rounds = roundsUpTo(current)
  const csvs = await Promise.all(rounds.map(async (r) => (await api.exportCsv(secret.value!, poll, r)).text()))
  downloadBlob(exportName(poll, rounds), new Blob([mergeRoundCsvs(csvs)], { type: 'text/csv;charset=utf-8' }))
}
