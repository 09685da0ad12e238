import { OpenAPIHono } from '@hono/zod-openapi'
import {
  AidDelivery,
  AidDeliveryItem,
  AidDeliveryReverse,
  AidMeasure,
  AidMeasurePatch,
  AidMeasureStatusChange,
  AidNeed,
  AidNeedDetail,
  AidNeedListQuery,
  AidNeedWithdraw,
  AidPledge,
  NewAidDelivery,
  NewAidMeasure,
  NewAidNeed,
  NewAidPledge,
  page,
} from '@chayi/domain'
import type { Env } from '../context.js'
import { validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { write } from '../write.js'
import { AID, idParam, TAGS, viewerOf } from './access.js'
import { deliverOnce, getDelivery, householdDeliveries, recordDelivery, reverseDelivery } from './deliveries.js'
import { addPledge, createNeed, listNeeds, needDetail, withdrawNeed } from './needs.js'
import { addMeasure, changeMeasureStatus, listMeasures, updateMeasure } from './plans.js'

// 情系藏区: measures (一户一策), needs → pledges → deliveries. Aid workers, leaders and admins read and
// write; everyone else is refused, another team's records answer 404. Deliveries are only added
// (exactly once by the device's id) and undone by a reversal; photos show only in a single read.

const listMeasuresRoute = defineRoute({
  method: 'get',
  path: '/aid/households/{id}/measures',
  tags: TAGS,
  summary: "A household's plan (一户一策): its measures with their status history, oldest first",
  access: AID,
  request: idParam,
  responses: { 200: json(page(AidMeasure), 'Measures'), ...errors(400, 401, 403, 404) },
})

const addMeasureRoute = defineRoute({
  method: 'post',
  path: '/aid/households/{id}/measures',
  tags: TAGS,
  summary: 'Add a planned measure (kind, content, responsible partner, amount, due date)',
  access: AID,
  request: { ...idParam, body: jsonBody(NewAidMeasure) },
  responses: { 201: json(AidMeasure, 'Added'), ...errors(400, 401, 403, 404, 409, 422) },
})

const measureStatusRoute = defineRoute({
  method: 'post',
  path: '/aid/measures/{id}/status',
  tags: TAGS,
  summary: 'Move a measure: planned → in_progress → done, or cancelled with a reason',
  access: AID,
  request: { ...idParam, body: jsonBody(AidMeasureStatusChange) },
  responses: { 200: json(AidMeasure, 'Moved'), ...errors(400, 401, 403, 404, 409, 422) },
})

const patchMeasureRoute = defineRoute({
  method: 'patch',
  path: '/aid/measures/{id}',
  tags: TAGS,
  summary: 'Change what an open measure says (content, partner, amount, due date); `null` clears',
  access: AID,
  request: { ...idParam, body: jsonBody(AidMeasurePatch) },
  responses: { 200: json(AidMeasure, 'Changed'), ...errors(400, 401, 403, 404, 422) },
})

const postNeedRoute = defineRoute({
  method: 'post',
  path: '/aid/households/{id}/needs',
  tags: TAGS,
  summary: 'Post a need of a household (助学, 医疗, 住房, 产业, 就业, 培训, 生活物资) for partners to pledge',
  access: AID,
  request: { ...idParam, body: jsonBody(NewAidNeed) },
  responses: { 201: json(AidNeedDetail, 'Posted'), ...errors(400, 401, 403, 404, 409, 422) },
})

const listNeedsRoute = defineRoute({
  method: 'get',
  path: '/aid/needs',
  tags: TAGS,
  summary: 'Needs, newest first: `?status=` (or `active`: open and pledged) `&kind=&householdId=&placeId=` (in or below the place) `&partnerId=` (a partner who pledged or delivered)',
  access: AID,
  request: { query: AidNeedListQuery },
  responses: { 200: json(page(AidNeed), 'Needs'), ...errors(400, 401, 403) },
})

const getNeedRoute = defineRoute({
  method: 'get',
  path: '/aid/needs/{id}',
  tags: TAGS,
  summary: 'One need with its pledges and deliveries (photos counted, not sent)',
  access: AID,
  request: idParam,
  responses: { 200: json(AidNeedDetail, 'The need'), ...errors(400, 401, 403, 404) },
})

const withdrawNeedRoute = defineRoute({
  method: 'post',
  path: '/aid/needs/{id}/withdraw',
  tags: TAGS,
  summary: 'Withdraw a need nothing was delivered for, with a reason',
  access: AID,
  request: { ...idParam, body: jsonBody(AidNeedWithdraw) },
  responses: { 200: json(AidNeedDetail, 'Withdrawn'), ...errors(400, 401, 403, 404, 409, 422) },
})

const pledgeRoute = defineRoute({
  method: 'post',
  path: '/aid/needs/{id}/pledges',
  tags: TAGS,
  summary: "Record a partner's pledge to a need; the first moves it to pledged",
  access: AID,
  request: { ...idParam, body: jsonBody(NewAidPledge) },
  responses: { 201: json(AidPledge, 'Pledged'), ...errors(400, 401, 403, 404, 409, 422) },
})

const deliverRoute = defineRoute({
  method: 'post',
  path: '/aid/needs/{id}/deliveries',
  tags: TAGS,
  summary: 'Record a delivery under the device’s id (a resend answers the stored one), with photos and the household’s confirmation',
  access: AID,
  request: { ...idParam, body: jsonBody(NewAidDelivery) },
  responses: { 201: json(AidDelivery, 'Recorded (or the stored one, for a resend)'), ...errors(400, 401, 403, 404, 409, 422) },
})

const getDeliveryRoute = defineRoute({
  method: 'get',
  path: '/aid/deliveries/{id}',
  tags: TAGS,
  summary: 'One delivery with its photos and the confirmation image',
  access: AID,
  request: idParam,
  responses: { 200: json(AidDelivery, 'The delivery'), ...errors(400, 401, 403, 404) },
})

const reverseDeliveryRoute = defineRoute({
  method: 'post',
  path: '/aid/deliveries/{id}/reverse',
  tags: TAGS,
  summary: 'Reverse a delivery recorded by mistake: a reversal entry and a negative income credit; the original stays',
  access: AID,
  request: { ...idParam, body: jsonBody(AidDeliveryReverse) },
  responses: { 201: json(AidDelivery, 'Reversed'), ...errors(400, 401, 403, 404, 409, 422) },
})

const householdDeliveriesRoute = defineRoute({
  method: 'get',
  path: '/aid/households/{id}/deliveries',
  tags: TAGS,
  summary: "A household's deliveries, newest first, reversed ones marked; photos counted, not sent",
  access: AID,
  request: idParam,
  responses: { 200: json(page(AidDeliveryItem), 'Deliveries'), ...errors(400, 401, 403, 404) },
})

export const aidPlansApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(listMeasuresRoute, async (c) => {
    const { teamId } = viewerOf(c)
    const { id } = c.req.valid('param')
    return c.json({ items: await listMeasures(c.get('deps').db, teamId, id), nextCursor: null }, 200)
  })
  .openapi(addMeasureRoute, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 201, body: await addMeasure(w, id, body) }))
    return c.json(r.body, 201)
  })
  .openapi(measureStatusRoute, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 200, body: await changeMeasureStatus(w, id, body) }))
    return c.json(r.body, 200)
  })
  .openapi(patchMeasureRoute, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 200, body: await updateMeasure(w, id, body) }))
    return c.json(r.body, 200)
  })
  .openapi(postNeedRoute, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => {
      const row = await createNeed(w, id, body)
      return { status: 201, body: await needDetail(w.trx, w.teamId, row.id) }
    })
    return c.json(r.body, 201)
  })
  .openapi(listNeedsRoute, async (c) => {
    const { teamId } = viewerOf(c)
    return c.json(await listNeeds(c.get('deps').db, teamId, c.req.valid('query')), 200)
  })
  .openapi(getNeedRoute, async (c) => {
    const { teamId } = viewerOf(c)
    return c.json(await needDetail(c.get('deps').db, teamId, c.req.valid('param').id), 200)
  })
  .openapi(withdrawNeedRoute, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => {
      await withdrawNeed(w, id, body.reason)
      return { status: 200, body: await needDetail(w.trx, w.teamId, id) }
    })
    return c.json(r.body, 200)
  })
  .openapi(pledgeRoute, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 201, body: await addPledge(w, id, body) }))
    return c.json(r.body, 201)
  })
  .openapi(deliverRoute, async (c) => {
    const { teamId } = viewerOf(c)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await deliverOnce(c.get('deps').db, teamId, id, body.id, () =>
      write(c, { needId: id, ...body }, async (w) => ({ status: 201, body: await recordDelivery(w, id, body) })),
    )
    if (r.replayed) c.header('Idempotent-Replayed', 'true')
    return c.json(r.body, 201)
  })
  .openapi(getDeliveryRoute, async (c) => {
    const { teamId } = viewerOf(c)
    return c.json(await getDelivery(c.get('deps').db, teamId, c.req.valid('param').id), 200)
  })
  .openapi(reverseDeliveryRoute, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 201, body: await reverseDelivery(w, id, body.reason) }))
    return c.json(r.body, 201)
  })
  .openapi(householdDeliveriesRoute, async (c) => {
    const { teamId } = viewerOf(c)
    const { id } = c.req.valid('param')
    return c.json({ items: await householdDeliveries(c.get('deps').db, teamId, id), nextCursor: null }, 200)
  })
