import type { Kysely } from 'kysely'
import type { Database } from '@chayi/db'

/**
 * Display names for audit actors (`user:<id>`), so a field worker reads "扎西顿珠", not an id.
 * Anything else (`system:demo`, `device:<id>`) has no name: the app says "the system" instead.
 */
export async function actorNames(db: Kysely<Database>, actors: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set([...actors].filter((a) => a.startsWith('user:')).map((a) => a.slice(5)))]
  if (!ids.length) return new Map()
  const rows = await db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', ids).execute()
  return new Map(rows.map((r) => [`user:${r.id}`, r.displayName]))
}
