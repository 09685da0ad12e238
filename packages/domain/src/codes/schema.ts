import { z } from 'zod'
import type { CodeEntry, CodeList, CodeOf } from './define.js'

/** The zod enum of a code list's codes, for request validation and stored values. */
export function codeSchema<E extends readonly CodeEntry[]>(list: CodeList<E>): z.ZodEnum<{ [K in CodeOf<E>]: K }> {
  return z.enum(list.codes as unknown as readonly [CodeOf<E>, ...CodeOf<E>[]]) as unknown as z.ZodEnum<{ [K in CodeOf<E>]: K }>
}
