import { page } from '@chayi/domain'
import { fail, http, respond, z, type MockState, type MockUser } from '@chayi/testing/msw'

// Pieces the care areas' mocks share: a refusal a mock rule throws and the handler turns into the
// server's error shape, the 400 for a body that fails its schema, the signed-in caller's role check,
// cursor paging over rows already in the list's order, an area's records per mock world (with dev
// mode's saved copy), list pages, and the read / recorded-write handler wrappers (fund, granary,
// partners; aid and reports use the read).

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

/** A list's answer: a page of `rows` (already in the list's order) as `page(item)`, each row through `map`. */
export function respondPage<T, I extends z.ZodType>(item: I, rows: T[], url: URL, map: (row: T) => z.input<I> = (row) => row as z.input<I>) {
  const p = pageRows(rows, url)
  if ('error' in p) return invalid(p.error!)
  return respond(page(item), { items: p.items.map(map), nextCursor: p.nextCursor })
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

type SaveStore = Pick<Storage, 'getItem' | 'setItem'>

/** An area's route maker: `${opts.base}/api/v1${prefix}${path}` (any origin without a base). */
export function apiV1(opts: { base?: string }, prefix = '') {
  const base = (opts.base ?? '*').replace(/\/+$/, '')
  return (path: string) => `${base}/api/v1${prefix}${path}`
}

/**
 * An area's world for its handlers: dev mode's saved copy (`storage` under `key`) is put back once,
 * on the first mock world that has none yet; `persist` saves the current world after a write.
 */
export function storedWorld<W>(worlds: ReturnType<typeof perWorld<W>>, getState: () => MockState, storage: SaveStore | undefined, key: string) {
  let restored = false
  const world = (): W => {
    const state = getState()
    if (storage && !restored && !worlds.has(state)) {
      restored = true
      const saved = JSON.parse(storage.getItem(key) ?? 'null') as W | null
      if (saved) worlds.set(state, saved)
    }
    return worlds.get(state)
  }
  return { world, persist: () => storage?.setItem(key, JSON.stringify(world())) }
}

type Params = Record<string, string>
/** What a read (or a plain write) gets: the area's world, the caller, the URL, the path's params and the mock clock. */
export type ReadCtx<W> = { w: W; who: MockUser; url: URL; params: Params; now: Date }
/** What a recorded write gets: the area's world, the caller's user id, the time as ISO text and the path's params. */
export type WriteCtx<W> = { w: W; who: string; at: string; params: Params }

/**
 * The handler wrappers of an area whose rules live in plain functions over its world `W` (`world()`
 * gives it, `persist()` saves it after a write, as `storedWorld` makes them), with routes at `v1(path)`:
 * - `read`: a GET for one of `roles`; a Refusal the handler throws becomes its error.
 * - `write`: a recorded write: role check, the Idempotency-Key replay (409 for a key reused with
 *   another body), the body checked against `body`, then `run` (a Refusal becomes its error); its
 *   result goes out through `respond(out, …)` with `status`, after `persist()`.
 */
export function mockRoutes<W>(getState: () => MockState, v1: (path: string) => string, { world, persist = () => {} }: { world: () => W; persist?: () => void }) {
  const caller = callerOf(getState)
  const replays = new Map<string, { body: string; status: number; json: never }>()

  const read = (path: string, roles: readonly string[], run: (ctx: ReadCtx<W>) => Response) =>
    http.get(v1(path), ({ request, params }) => {
      const who = caller(roles)
      if (who instanceof Response) return who
      try {
        return run({ w: world(), who, url: new URL(request.url), params: params as Params, now: getState().now() })
      } catch (e) {
        return refused(e)
      }
    })

  function write<S extends z.ZodType, R extends z.ZodType>(
    method: 'post' | 'patch',
    path: string,
    roles: readonly string[],
    body: S,
    out: R,
    status: number,
    run: (body: z.infer<S>, ctx: WriteCtx<W>) => z.input<R>,
  ) {
    return http[method](v1(path), async ({ request, params }) => {
      const who = caller(roles)
      if (who instanceof Response) return who
      const raw = (await request.json().catch(() => undefined)) as unknown
      const key = request.headers.get('idempotency-key')
      const scoped = key ? `${method}:${path}:${JSON.stringify(params)}:${key}` : null
      const prior = scoped ? replays.get(scoped) : undefined
      if (prior && prior.body !== JSON.stringify(raw)) return fail(409, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request.')
      if (prior) return respond(out, prior.json, { status: prior.status, headers: { 'idempotent-replayed': 'true' } })
      const b = body.safeParse(raw)
      if (!b.success) return invalid(b.error)
      try {
        const result = run(b.data, { w: world(), who: who.user.id, at: getState().now().toISOString(), params: params as Params })
        if (scoped) replays.set(scoped, { body: JSON.stringify(raw), status, json: result as never })
        persist()
        return respond(out, result, { status })
      } catch (e) {
        return refused(e)
      }
    })
  }

  return { caller, read, write }
}
