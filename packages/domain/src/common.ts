import { z } from 'zod'

/** IDs are strings: UUIDv7 from the server, or a client-made UUID for offline writes. */
export const Id = z.string().min(1).max(64)
export type Id = z.infer<typeof Id>

/** Times travel as ISO 8601 UTC strings. */
export const IsoDateTime = z.iso.datetime({ offset: false })
export type IsoDateTime = z.infer<typeof IsoDateTime>

/** Calendar dates (birth dates, due dates) as YYYY-MM-DD. */
export const IsoDate = z.iso.date()
export type IsoDate = z.infer<typeof IsoDate>

/** Money is always an integer number of fen (1 yuan = 100 fen), never a float. */
export const AmountFen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
export type AmountFen = z.infer<typeof AmountFen>

export const ErrorIssue = z.object({ path: z.string(), message: z.string() })
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/),
    message: z.string(),
    issues: z.array(ErrorIssue).optional(),
  }),
})
export type ErrorBody = z.infer<typeof ErrorBody>

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
})
export type ListQuery = z.infer<typeof ListQuery>

/** `{items, nextCursor}` for every list endpoint. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() })
}

/** Mainland mobile numbers; stored without spaces or country code. */
export const Phone = z.string().regex(/^1[3-9]\d{9}$/, 'must be an 11-digit mainland mobile number')
