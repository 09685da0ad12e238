import { fail, z } from '@chayi/testing/msw'

// Pieces every ledger-like area's mocks share (fund, granary, partners): a refusal a mock rule
// throws and the handler turns into the server's error shape, the 400 for a body that fails its
// schema, and cursor paging over rows already in the list's order.

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
