// A refusal: its code (server/api.ts's ERROR_STATUS gives the HTTP status) and a sentence for people. The handler
// turns it into `{ error, code }` JSON (shared by the routes in handler.ts and contracts.ts).
import type { z } from 'zod'
import { ERROR_STATUS, type ErrorCode, type ErrorReply } from './api.ts'

export class HttpError extends Error {
  readonly status: number
  constructor(readonly code: ErrorCode, message: string) {
    super(message)
    this.status = ERROR_STATUS[code]
  }

  get body(): ErrorReply { return { error: this.message, code: this.code } }
}

/** The first issue of a failed parse, where it is: `round: Too small: expected number to be >=1`. */
export function zodMessage(err: z.ZodError): string {
  const i = err.issues[0]
  const where = i.path.length ? `${i.path.join('.')}: ` : ''
  return `${where}${i.message}`
}

/** `x` as `schema` has it, or an `invalid` refusal saying what is wrong. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, x: unknown): z.infer<S> {
  const r = schema.safeParse(x)
  if (!r.success) throw new HttpError('invalid', zodMessage(r.error))
  return r.data
}
