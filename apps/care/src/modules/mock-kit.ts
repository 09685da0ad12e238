import { fail, z, type MockState, type MockUser } from '@chayi/testing/msw'

// Pieces every ledger-like area's mocks share (fund, granary, partners): a refusal a mock rule
// throws and the handler turns into the server's error shape, the 400 for a body that fails its
// schema, cursor paging over rows already in the list's order, and an area's records per mock world.

export type Issue = { path: string; message: string }

/** Thrown by a mock's rules; `refused()` in the handler answers it as the server would. */
export class Refusal {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
    readonly issues?: Issue[],
  ) {}
}

/** Answers a rule's Refusal as the server would; anything else is rethrown. */
export const refused = (e: unknown) => {
  if (e instanceof Refusal) return fail(e.status, e.code, e.message, e.issues)
  throw e
}

/** The signed-in person, or the refusal (401 anonymous, 403 without one of `roles`). */
export const callerOf =
  (getState: () => MockState) =>
  (roles: readonly string[]): MockUser | Response => {
    const s = getState()
    const u = s.users.find((x) => x.user.id === s.signedIn)
    if (!u) return fail(401, 'unauthenticated', 'Sign in first.')
    if (!u.user.roles.some((r) => roles.includes(r))) return fail(403, 'forbidden', 'Your role may not do this.')
    return u
  }

export const invalid = (error: z.ZodError) => fail(400, 'invalid_request', 'The request is not valid.', error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })))

const Query = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(200).optional() })

/** Pages rows already in the list's order; the cursor is the last row's position. */
export function pageRows<T>(rows: T[], url: URL) {
  const q = Query.safeParse({ limit: url.searchParams.get('limit') ?? undefined, cursor: url.searchParams.get('cursor') ?? undefined })
  if (!q.success) return { error: q.error }
  const start = q.data.cursor ? Number(q.data.cursor) : 0
  const items = rows.slice(start, start + q.data.limit)
  return { items, nextCursor: start + q.data.limit < rows.length ? String(start + q.data.limit) : null }
}

/** An area's records for each mock world, made by `seed` on first use (`set` puts back a saved copy). */
export function perWorld<W>(seed: (state: MockState) => W) {
  const worlds = new WeakMap<MockState, W>()
  return {
    get(state: MockState): W {
      let w = worlds.get(state)
      if (!w) {
        w = seed(state)
        worlds.set(state, w)
      }
      return w
    },
    has: (state: MockState) => worlds.has(state),
    set: (state: MockState, w: W) => void worlds.set(state, w),
  }
}
