import { OpenAPIHono } from '@hono/zod-openapi'
import { sql } from 'kysely'
import {
  AidHouseholdDetail,
  AidHouseholdListItem,
  AidHouseholdListQuery,
  AidHouseholdPatch,
  AidMember,
  AidMemberPatch,
  AidPairing,
  AidPlace,
  AidRevealed,
  AidRevealRequest,
  AidStatusChange,
  NewAidHousehold,
  NewAidMember,
  NewAidPairing,
  NewAidPlace,
  page,
} from '@chayi/domain'
import { actorOf, type Env } from '../context.js'
import { validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { transact, write } from '../write.js'
import { AID, conflictResponse, idParam, TAGS, viewerOf } from './access.js'
import { VersionConflict } from './conflict.js'
import { refuseExitEdges } from './exit.js'
import { changeHouseholdStatus, createHousehold, householdDetail, presentHouseholds, updateHousehold } from './households.js'
import { addMember, toAidMember, updateMember } from './members.js'
import { checkHousehold, pairHousehold, pairingHistory } from './pairings.js'
import { createAidPlace, loadPlaces, placeAndBelow, toAidPlace } from './places.js'
import { revealAidField } from './reveal.js'

// 情系藏区 tracker, first slice (issue 7): places, households, members, pairings. Aid workers,
// leaders and admins read and write; everyone else is refused, another team's records answer 404.
// Sealed fields show masked only to the assigned worker, a leader or an admin, who may reveal them.

const listPlacesRoute = defineRoute({
  method: 'get',
  path: '/aid/places',
  tags: TAGS,
  summary: "The team's counties, townships, villages and groups, with each one's path",
  access: AID,
  responses: { 200: json(page(AidPlace), 'Places'), ...errors(401, 403) },
})

const createPlaceRoute = defineRoute({
  method: 'post',
  path: '/aid/places',
  tags: TAGS,
  summary: 'Add a place under one of the level above (a county stands alone)',
  access: AID,
  request: { body: jsonBody(NewAidPlace) },
  responses: { 201: json(AidPlace, 'Added'), ...errors(400, 401, 403, 409, 422) },
})

const listHouseholdsRoute = defineRoute({
  method: 'get',
  path: '/aid/households',
  tags: TAGS,
  summary: 'Households by code order: `?status=&placeId=&cause=`; nothing sealed, head names masked',
  access: AID,
  request: { query: AidHouseholdListQuery },
  responses: { 200: json(page(AidHouseholdListItem), 'Households'), ...errors(400, 401, 403) },
})

const createHouseholdRoute = defineRoute({
  method: 'post',
  path: '/aid/households',
  tags: TAGS,
  summary: 'Record a household (建档立卡) with its members; it gets the next code HH-0001…',
  access: AID,
  request: { body: jsonBody(NewAidHousehold) },
  responses: { 201: json(AidHouseholdDetail, 'Recorded'), ...errors(400, 401, 403, 409, 422) },
})

const getHouseholdRoute = defineRoute({
  method: 'get',
  path: '/aid/households/{id}',
  tags: TAGS,
  summary: 'One household with members, current pairing and status history; sealed fields masked or hidden',
  access: AID,
  request: idParam,
  responses: { 200: json(AidHouseholdDetail, 'The household'), ...errors(400, 401, 403, 404) },
})

const patchHouseholdRoute = defineRoute({
  method: 'patch',
  path: '/aid/households/{id}',
  tags: TAGS,
  summary: 'Change a household on top of `baseVersion` (409 version_conflict with the current values when stale)',
  access: AID,
  request: { ...idParam, body: jsonBody(AidHouseholdPatch) },
  responses: { 200: json(AidHouseholdDetail, 'Changed'), ...errors(400, 401, 403, 404, 422), ...conflictResponse },
})

const statusRoute = defineRoute({
  method: 'post',
  path: '/aid/households/{id}/status',
  tags: TAGS,
  summary: 'Move a household along identified → assisted → exit_proposed → exited → monitored, with a reason',
  access: AID,
  request: { ...idParam, body: jsonBody(AidStatusChange) },
  responses: { 200: json(AidHouseholdDetail, 'Moved'), ...errors(400, 401, 403, 404, 409, 422) },
})

const revealRoute = defineRoute({
  method: 'post',
  path: '/aid/households/{id}/reveal',
  tags: TAGS,
  summary: 'The assigned worker, a leader or an admin sees one sealed value, with a reason (access log)',
  access: AID,
  request: { ...idParam, body: jsonBody(AidRevealRequest) },
  responses: { 200: json(AidRevealed, 'The value'), ...errors(400, 401, 403, 404) },
})

const addMemberRoute = defineRoute({
  method: 'post',
  path: '/aid/households/{id}/members',
  tags: TAGS,
  summary: 'Add a member to a household',
  access: AID,
  request: { ...idParam, body: jsonBody(NewAidMember) },
  responses: { 201: json(AidMember, 'Added'), ...errors(400, 401, 403, 404, 409, 422) },
})

const patchMemberRoute = defineRoute({
  method: 'patch',
  path: '/aid/members/{id}',
  tags: TAGS,
  summary: 'Change a member on top of `baseVersion` (409 version_conflict with the current values when stale)',
  access: AID,
  request: { ...idParam, body: jsonBody(AidMemberPatch) },
  responses: { 200: json(AidMember, 'Changed'), ...errors(400, 401, 403, 404, 422), ...conflictResponse },
})

const listPairingsRoute = defineRoute({
  method: 'get',
  path: '/aid/households/{id}/pairings',
  tags: TAGS,
  summary: "A household's pairings, newest first; ended ones stay in the history",
  access: AID,
  request: idParam,
  responses: { 200: json(page(AidPairing), 'Pairings'), ...errors(400, 401, 403, 404) },
})

const pairRoute = defineRoute({
  method: 'post',
  path: '/aid/households/{id}/pairings',
  tags: TAGS,
  summary: 'Pair a household with a partner and a responsible person; the current pairing ends',
  access: AID,
  request: { ...idParam, body: jsonBody(NewAidPairing) },
  responses: { 201: json(AidPairing, 'Paired'), ...errors(400, 401, 403, 404, 409, 422) },
})

export const aidApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(listPlacesRoute, async (c) => {
    const { teamId } = viewerOf(c)
    const places = await loadPlaces(c.get('deps').db, teamId)
    const order = { county: 0, township: 1, village: 2, group: 3 } as const
    const items = [...places.values()].map((r) => toAidPlace(r, places)).sort((a, b) => order[a.level] - order[b.level] || a.path.join('/').localeCompare(b.path.join('/')))
    return c.json({ items, nextCursor: null }, 200)
  })
  .openapi(createPlaceRoute, async (c) => {
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => ({ status: 201, body: await createAidPlace(w, body) }))
    return c.json(r.body, 201)
  })
  .openapi(listHouseholdsRoute, async (c) => {
    const deps = c.get('deps')
    const { teamId } = viewerOf(c)
    const { status, placeId, cause, limit, cursor } = c.req.valid('query')
    let q = deps.db.selectFrom('aidHouseholds').selectAll().where('teamId', '=', teamId).orderBy('code').limit(limit + 1)
    if (status) q = q.where('status', '=', status)
    if (placeId) q = q.where('placeId', 'in', placeAndBelow(await loadPlaces(deps.db, teamId), placeId))
    // Secondary causes are a JSON array of codes: a quoted code matches exactly one element.
    if (cause) q = q.where((eb) => eb.or([eb('mainCause', '=', cause), eb(sql.ref('secondaryCauses'), 'like', `%"${cause}"%`)]))
    if (cursor) q = q.where('code', '>', cursor)
    const rows = await q.execute()
    const more = rows.length > limit
    const items = await presentHouseholds(deps.db, teamId, more ? rows.slice(0, limit) : rows)
    return c.json({ items, nextCursor: more ? items[items.length - 1]!.code : null }, 200)
  })
  .openapi(createHouseholdRoute, async (c) => {
    const deps = c.get('deps')
    const viewer = viewerOf(c)
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => {
      const row = await createHousehold(w, deps.cipher, body)
      return { status: 201, body: await householdDetail(w.trx, deps.cipher, w.teamId, row.id, viewer) }
    })
    return c.json(r.body, 201)
  })
  .openapi(getHouseholdRoute, async (c) => {
    const deps = c.get('deps')
    const viewer = viewerOf(c)
    const { id } = c.req.valid('param')
    return c.json(await householdDetail(deps.db, deps.cipher, viewer.teamId, id, viewer), 200)
  })
  .openapi(patchHouseholdRoute, async (c) => {
    const deps = c.get('deps')
    const viewer = viewerOf(c)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    try {
      const r = await write(c, { id, ...body }, async (w) => {
        await updateHousehold(w, deps.cipher, id, body)
        return { status: 200, body: await householdDetail(w.trx, deps.cipher, w.teamId, id, viewer) }
      })
      return c.json(r.body, 200)
    } catch (err) {
      if (err instanceof VersionConflict) return c.json(err.body(), 409)
      throw err
    }
  })
  .openapi(statusRoute, async (c) => {
    const deps = c.get('deps')
    const viewer = viewerOf(c)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => {
      await refuseExitEdges(w, id, body.status)
      await changeHouseholdStatus(w, id, body.status, body.reason, viewer.leader)
      return { status: 200, body: await householdDetail(w.trx, deps.cipher, w.teamId, id, viewer) }
    })
    return c.json(r.body, 200)
  })
  .openapi(revealRoute, async (c) => {
    const deps = c.get('deps')
    const p = c.get('principal')!
    const viewer = viewerOf(c)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    // Not through write(): an Idempotency-Key would store the whole value with the response.
    const r = await transact(deps, { teamId: p.teamId, actor: actorOf(p) }, async (w) => ({ status: 200, body: await revealAidField(w, deps.cipher, id, body, viewer) }))
    return c.json(r.body, 200)
  })
  .openapi(addMemberRoute, async (c) => {
    const deps = c.get('deps')
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => {
      const row = await addMember(w, deps.cipher, id, body)
      const household = await w.trx.selectFrom('aidHouseholds').select('assignedWorkerId').where('id', '=', id).executeTakeFirstOrThrow()
      const viewer = viewerOf(c)
      return { status: 201, body: toAidMember(row, viewer.leader || household.assignedWorkerId === viewer.userId, deps.cipher) }
    })
    return c.json(r.body, 201)
  })
  .openapi(patchMemberRoute, async (c) => {
    const deps = c.get('deps')
    const viewer = viewerOf(c)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    try {
      const r = await write(c, { id, ...body }, async (w) => {
        const row = await updateMember(w, deps.cipher, id, body)
        const household = await w.trx.selectFrom('aidHouseholds').select('assignedWorkerId').where('id', '=', row.householdId).executeTakeFirstOrThrow()
        return { status: 200, body: toAidMember(row, viewer.leader || household.assignedWorkerId === viewer.userId, deps.cipher) }
      })
      return c.json(r.body, 200)
    } catch (err) {
      if (err instanceof VersionConflict) return c.json(err.body(), 409)
      throw err
    }
  })
  .openapi(listPairingsRoute, async (c) => {
    const deps = c.get('deps')
    const { teamId } = viewerOf(c)
    const { id } = c.req.valid('param')
    await checkHousehold(deps.db, teamId, id)
    return c.json({ items: await pairingHistory(deps.db, deps.cipher, teamId, id), nextCursor: null }, 200)
  })
  .openapi(pairRoute, async (c) => {
    const deps = c.get('deps')
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 201, body: await pairHousehold(w, deps.cipher, id, body) }))
    return c.json(r.body, 201)
  })
