import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  AidIntention,
  AidIntentionInput,
  AidIntentionListQuery,
  AidIntentionStatusInput,
  Id,
  page,
  Partner,
  PartnerContributions,
  PartnerGranaryDonorInput,
  PartnerInput,
  PartnerListQuery,
  PartnerPatch,
} from '@chayi/domain'
import type { Env } from '../context.js'
import { unauthenticated, validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { write } from '../write.js'
import { partnerContributions } from './contributions.js'
import { addIntention, closeIntention, createPartner, getPartner, linkGranaryDonor, listIntentions, listPartners, updatePartner } from './partners.js'

// The `partners` context's routes (爱心企业/爱心人士, issue 5). Care staff and admins keep the
// partners; leaders and aid workers read them. Every write goes through `write`.

const WRITERS = ['admin', 'care_staff'] as const
const WRITE = { roles: WRITERS }
const READ = { roles: [...WRITERS, 'leader', 'aid_worker'] as const }
const idParam = { params: z.object({ id: Id }) }
const TAGS = ['partners']

function teamOf(c: Context<Env>) {
  const p = c.get('principal')
  if (!p) throw unauthenticated()
  return p.teamId
}
const isWriter = (c: Context<Env>) => (c.get('principal')?.roles ?? []).some((r) => (WRITERS as readonly string[]).includes(r))

const partners = defineRoute({
  method: 'get',
  path: '/partners',
  tags: TAGS,
  summary: 'Partners, newest first; contact phones masked',
  access: READ,
  request: { query: PartnerListQuery },
  responses: { 200: json(page(Partner), 'Partners'), ...errors(400, 401, 403) },
})

const addPartner = defineRoute({
  method: 'post',
  path: '/partners',
  tags: TAGS,
  summary: 'Add a partner (enterprise, individual or organisation); the contact phone is sealed',
  access: WRITE,
  request: { body: jsonBody(PartnerInput) },
  responses: { 201: json(Partner, 'Added'), ...errors(400, 401, 403, 409) },
})

const onePartner = defineRoute({
  method: 'get',
  path: '/partners/{id}',
  tags: TAGS,
  summary: 'One partner: the whole phone for care staff and admins, masked for readers',
  access: READ,
  request: idParam,
  responses: { 200: json(Partner, 'The partner'), ...errors(400, 401, 403, 404) },
})

const patchPartner = defineRoute({
  method: 'patch',
  path: '/partners/{id}',
  tags: TAGS,
  summary: "Change a partner's details (null clears an optional field)",
  access: WRITE,
  request: { ...idParam, body: jsonBody(PartnerPatch) },
  responses: { 200: json(Partner, 'Changed'), ...errors(400, 401, 403, 404, 409) },
})

const intentions = defineRoute({
  method: 'get',
  path: '/partners/{id}/intentions',
  tags: TAGS,
  summary: "A partner's aid intentions, newest first",
  access: READ,
  request: { ...idParam, query: AidIntentionListQuery },
  responses: { 200: json(page(AidIntention), 'Intentions'), ...errors(400, 401, 403, 404) },
})

const addIntentionRoute = defineRoute({
  method: 'post',
  path: '/partners/{id}/intentions',
  tags: TAGS,
  summary: 'Record an aid intention (money, goods, skills training, jobs, purchases); open until fulfilled or withdrawn',
  access: WRITE,
  request: { ...idParam, body: jsonBody(AidIntentionInput) },
  responses: { 201: json(AidIntention, 'Recorded'), ...errors(400, 401, 403, 404, 422) },
})

const closeIntentionRoute = defineRoute({
  method: 'post',
  path: '/partners/{id}/intentions/{intentionId}/status',
  tags: TAGS,
  summary: 'Close an open intention as fulfilled or withdrawn, once (409 `intention_closed`)',
  access: WRITE,
  request: { params: z.object({ id: Id, intentionId: Id }), body: jsonBody(AidIntentionStatusInput) },
  responses: { 200: json(AidIntention, 'Closed'), ...errors(400, 401, 403, 404, 409) },
})

const allIntentions = defineRoute({
  method: 'get',
  path: '/partner-intentions',
  tags: TAGS,
  summary: "Every partner's aid intentions, newest first (filter by status and kind)",
  access: READ,
  request: { query: AidIntentionListQuery },
  responses: { 200: json(page(AidIntention), 'Intentions'), ...errors(400, 401, 403) },
})

const linkDonor = defineRoute({
  method: 'post',
  path: '/partners/{id}/granary-donors',
  tags: TAGS,
  summary: "Link a granary donor to the partner: the donor's donations count as the partner's (a donor belongs to one partner)",
  access: WRITE,
  request: { ...idParam, body: jsonBody(PartnerGranaryDonorInput) },
  responses: { 201: json(Partner, 'Linked'), ...errors(400, 401, 403, 404, 409, 422) },
})

const contributions = defineRoute({
  method: 'get',
  path: '/partners/{id}/contributions',
  tags: TAGS,
  summary: 'What the partner actually gave: fund income linked to it and donations of its granary donors (reversed ones listed, not counted)',
  access: READ,
  request: idParam,
  responses: { 200: json(PartnerContributions, 'Contributions'), ...errors(400, 401, 403, 404) },
})

export const partnersApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(partners, async (c) => {
    const deps = c.get('deps')
    return c.json(await listPartners(deps.db, deps.cipher, teamOf(c), c.req.valid('query')), 200)
  })
  .openapi(addPartner, async (c) => {
    const body = c.req.valid('json')
    const cipher = c.get('deps').cipher
    const r = await write(c, body, async (w) => ({ status: 201, body: await createPartner(w, cipher, body) }))
    return c.json(r.body, 201)
  })
  .openapi(onePartner, async (c) => {
    const deps = c.get('deps')
    return c.json(await getPartner(deps.db, deps.cipher, teamOf(c), c.req.valid('param').id, isWriter(c) ? 'whole' : 'masked'), 200)
  })
  .openapi(patchPartner, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const cipher = c.get('deps').cipher
    const r = await write(c, { id, ...body }, async (w) => ({ status: 200, body: await updatePartner(w, cipher, id, body) }))
    return c.json(r.body, 200)
  })
  .openapi(intentions, async (c) => c.json(await listIntentions(c.get('deps').db, teamOf(c), { ...c.req.valid('query'), partnerId: c.req.valid('param').id }), 200))
  .openapi(addIntentionRoute, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 201, body: await addIntention(w, id, body) }))
    return c.json(r.body, 201)
  })
  .openapi(closeIntentionRoute, async (c) => {
    const { id, intentionId } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, intentionId, ...body }, async (w) => ({ status: 200, body: await closeIntention(w, id, intentionId, body.status, body.note) }))
    return c.json(r.body, 200)
  })
  .openapi(allIntentions, async (c) => c.json(await listIntentions(c.get('deps').db, teamOf(c), c.req.valid('query')), 200))
  .openapi(linkDonor, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const cipher = c.get('deps').cipher
    const r = await write(c, { id, ...body }, async (w) => ({ status: 201, body: await linkGranaryDonor(w, cipher, id, body.donorId) }))
    return c.json(r.body, 201)
  })
  .openapi(contributions, async (c) => c.json(await partnerContributions(c.get('deps').db, teamOf(c), c.req.valid('param').id), 200))
