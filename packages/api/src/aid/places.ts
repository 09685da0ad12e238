import type { Kysely } from 'kysely'
import type { AidPlaceRow, Database } from '@chayi/db'
import { PARENT_LEVEL, type AidPlace, type AidPlaceLevel, type NewAidPlace } from '@chayi/domain'
import { unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'

/** A team's places by id (a few hundred at most: read whole). */
export async function loadPlaces(db: Kysely<Database>, teamId: string): Promise<Map<string, AidPlaceRow>> {
  const rows = await db.selectFrom('aidPlaces').selectAll().where('teamId', '=', teamId).execute()
  return new Map(rows.map((r) => [r.id, r]))
}

/** Names from the county down to the place. */
export function placePath(places: Map<string, AidPlaceRow>, id: string): string[] {
  const out: string[] = []
  for (let p = places.get(id); p && out.length < 8; p = p.parentId ? places.get(p.parentId) : undefined) out.unshift(p.name)
  return out
}

/** The place and every place below it. */
export function placeAndBelow(places: Map<string, AidPlaceRow>, id: string): string[] {
  const out = [id]
  for (let i = 0; i < out.length; i++) for (const p of places.values()) if (p.parentId === out[i]) out.push(p.id)
  return out
}

export const toAidPlace = (row: AidPlaceRow, places: Map<string, AidPlaceRow>): AidPlace => ({
  id: row.id,
  level: row.level,
  parentId: row.parentId,
  name: row.name,
  nameBo: row.nameBo,
  path: placePath(places, row.id),
  createdAt: row.createdAt,
})

/** County, township, village or group; each under a place of the level above in the same team. */
export async function createAidPlace(w: WriteScope, input: NewAidPlace): Promise<AidPlace> {
  const wanted: AidPlaceLevel | null = PARENT_LEVEL[input.level]
  let parent: AidPlaceRow | undefined
  if (wanted === null) {
    if (input.parentId) throw unprocessable('bad_parent', 'A county has no parent place.', [{ path: 'parentId', message: 'must be empty for a county' }])
  } else {
    if (!input.parentId) throw unprocessable('bad_parent', `A ${input.level} belongs to a ${wanted}.`, [{ path: 'parentId', message: `a ${wanted} is required` }])
    parent = await w.trx.selectFrom('aidPlaces').selectAll().where('id', '=', input.parentId).where('teamId', '=', w.teamId).executeTakeFirst()
    if (!parent || parent.level !== wanted) throw unprocessable('bad_parent', `A ${input.level} belongs to a ${wanted} of this team.`, [{ path: 'parentId', message: `not a ${wanted} of this team` }])
  }
  const row: AidPlaceRow = { id: newId(), teamId: w.teamId, level: input.level, parentId: parent?.id ?? null, name: input.name, nameBo: input.nameBo ?? null, createdAt: w.at, createdBy: w.actor }
  await w.trx.insertInto('aidPlaces').values(row).execute()
  await w.record({ kind: 'aid.place_created', entity: 'aid_place', entityId: row.id, payload: { level: row.level, parentId: row.parentId } })
  return toAidPlace(row, await loadPlaces(w.trx, w.teamId))
}
