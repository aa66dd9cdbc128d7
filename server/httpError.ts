// A refusal with its HTTP status: the handler turns it into `{ error }` JSON (shared by the routes in handler.ts and contracts.ts).
export class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message) }
}
