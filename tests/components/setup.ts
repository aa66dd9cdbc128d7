// Component tests reach no network: a fetch that a test did not stub answers 404, which the deck reads as
// "no class-session service, no baked results" (happy-dom would otherwise try http://localhost:3000).
import { vi } from 'vitest'

vi.stubGlobal('fetch', async () => new Response('{}', { status: 404, headers: { 'content-type': 'application/json' } }))
