import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { sql } from 'kysely'
import {
  Beneficiary,
  BeneficiaryChange,
  BeneficiaryConsent,
  BeneficiaryConsentInput,
  BeneficiaryDetail,
  BeneficiaryListQuery,
  BeneficiaryRevealRequest,
  BeneficiaryStatusChange,
  CareCard,
  CareCardIssue,
  CareCardLookup,
  CareCardLookupQuery,
  CareCardRevoke,
  ConsentWithdrawal,
  Id,
  NewBeneficiary,
  page,
  PrintableCareCard,
  RevealedBeneficiaryFields,
  type Role,
} from '@chayi/domain'
import { actorOf, type Env } from '../context.js'
import { notFound, unauthenticated, validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { transact, write } from '../write.js'
import { beneficiaryDetail, changeBeneficiaryStatus, createBeneficiary, presentBeneficiaries, revealBeneficiaryFields, updateBeneficiary, type BeneficiaryView } from './beneficiaries.js'
import { issueCard, limitedCardLookup, listCards, lookupCard, printableCard, revokeCard, toCareCard, whoOf } from './cards.js'
import { giveConsent, toConsent, withdrawConsent } from './consents.js'

// The care register (issue 5 item 1): beneficiaries, consents and care cards. Care staff and
// admins keep it; a leader may list it masked; a tea-house counter may look up a card. Everyone
// else is refused, and another team's records answer 404.

const REGISTER = { roles: ['care_staff', 'admin'] } as const satisfies { roles: readonly Role[] }
const LISTERS = { roles: ['care_staff', 'admin', 'leader'] } as const satisfies { roles: readonly Role[] }
const COUNTER = { roles: ['counter_staff', 'care_staff', 'admin'], devices: true } as const satisfies { roles: readonly Role[]; devices: true }
const idParam = { params: z.object({ id: Id }) }
const TAGS = ['care']

const viewOf = (roles: readonly Role[]): BeneficiaryView => (roles.some((r) => (REGISTER.roles as readonly Role[]).includes(r)) ? 'staff' : 'masked')
const originOf = (c: Context<Env>) => new URL(c.req.url).origin

function teamOf(c: Context<Env>): string {
  const p = c.get('principal')
  if (!p) throw unauthenticated()
  return p.teamId
}

const listBeneficiaries = defineRoute({
  method: 'get',
  path: '/beneficiaries',
  tags: TAGS,
  summary: 'The register, oldest first: `?kind=&status=&q=` (part of the name). Masks only; a leader sees masked names and no sensitive fields',
  access: LISTERS,
  request: { query: BeneficiaryListQuery },
  responses: { 200: json(page(Beneficiary), 'Beneficiaries'), ...errors(400, 401, 403) },
})

const createBeneficiaryRoute = defineRoute({
  method: 'post',
  path: '/beneficiaries',
  tags: TAGS,
  summary: 'Put a person on the register; sensitive fields need a `consent` covering them (422 no_consent)',
  access: REGISTER,
  request: { body: jsonBody(NewBeneficiary) },
  responses: { 201: json(Beneficiary, 'Registered (masked)'), ...errors(400, 401, 403, 409, 422) },
})

const getBeneficiary = defineRoute({
  method: 'get',
  path: '/beneficiaries/{id}',
  tags: TAGS,
  summary: 'One beneficiary, masked, with its status history',
  access: REGISTER,
  request: idParam,
  responses: { 200: json(BeneficiaryDetail, 'The beneficiary'), ...errors(400, 401, 403, 404) },
})

const patchBeneficiary = defineRoute({
  method: 'patch',
  path: '/beneficiaries/{id}',
  tags: TAGS,
  summary: 'Change plain fields; replace sealed ones, or erase them with null (a new sensitive value needs consent)',
  access: REGISTER,
  request: { ...idParam, body: jsonBody(BeneficiaryChange) },
  responses: { 200: json(Beneficiary, 'Changed (masked)'), ...errors(400, 401, 403, 404, 409, 422) },
})

const statusRoute = defineRoute({
  method: 'post',
  path: '/beneficiaries/{id}/status',
  tags: TAGS,
  summary: 'Pause, end or resume, with a reason (kept in the history); leaving revokes the care card',
  access: REGISTER,
  request: { ...idParam, body: jsonBody(BeneficiaryStatusChange) },
  responses: { 200: json(BeneficiaryDetail, 'Status changed'), ...errors(400, 401, 403, 404, 409) },
})

const revealRoute = defineRoute({
  method: 'post',
  path: '/beneficiaries/{id}/reveal',
  tags: TAGS,
  summary: 'See whole values of sealed fields, with a reason; each field is written to the access log',
  access: REGISTER,
  request: { ...idParam, body: jsonBody(BeneficiaryRevealRequest) },
  responses: { 200: json(RevealedBeneficiaryFields, 'The values'), ...errors(400, 401, 403, 404, 422) },
})

const listConsents = defineRoute({
  method: 'get',
  path: '/beneficiaries/{id}/consents',
  tags: TAGS,
  summary: "A beneficiary's consents, newest first, withdrawn ones included",
  access: REGISTER,
  request: idParam,
  responses: { 200: json(page(BeneficiaryConsent), 'Consents'), ...errors(400, 401, 403, 404) },
})

const giveConsentRoute = defineRoute({
  method: 'post',
  path: '/beneficiaries/{id}/consents',
  tags: TAGS,
  summary: 'Record a signed consent: scope, form version, who gave it and when',
  access: REGISTER,
  request: { ...idParam, body: jsonBody(BeneficiaryConsentInput) },
  responses: { 201: json(BeneficiaryConsent, 'Recorded'), ...errors(400, 401, 403, 404) },
})

const withdrawConsentRoute = defineRoute({
  method: 'post',
  path: '/consents/{id}/withdraw',
  tags: TAGS,
  summary: 'Withdraw a consent: the fields it covered are hidden and can no longer be revealed or stored',
  access: REGISTER,
  request: { ...idParam, body: jsonBody(ConsentWithdrawal) },
  responses: { 200: json(BeneficiaryConsent, 'Withdrawn'), ...errors(400, 401, 403, 404, 409) },
})

const listCardsRoute = defineRoute({
  method: 'get',
  path: '/beneficiaries/{id}/cards',
  tags: TAGS,
  summary: "A beneficiary's care cards, newest first (replaced and revoked ones included)",
  access: REGISTER,
  request: idParam,
  responses: { 200: json(page(CareCard), 'Cards'), ...errors(400, 401, 403, 404) },
})

const issueCardRoute = defineRoute({
  method: 'post',
  path: '/beneficiaries/{id}/cards',
  tags: TAGS,
  summary: 'Issue a care card (next card number, random QR token); an active card is replaced',
  access: REGISTER,
  request: { ...idParam, body: jsonBody(CareCardIssue) },
  responses: { 201: json(CareCard, 'Issued'), ...errors(400, 401, 403, 404, 422) },
})

const revokeCardRoute = defineRoute({
  method: 'post',
  path: '/cards/{id}/revoke',
  tags: TAGS,
  summary: 'Revoke an active care card, with a reason',
  access: REGISTER,
  request: { ...idParam, body: jsonBody(CareCardRevoke) },
  responses: { 200: json(CareCard, 'Revoked'), ...errors(400, 401, 403, 404, 409) },
})

const lookupRoute = defineRoute({
  method: 'get',
  path: '/cards/lookup',
  tags: TAGS,
  summary: 'A scanned or typed card (number, token or QR URL) as a counter may see it: number, kinds, masked name, status',
  access: COUNTER,
  request: { query: CareCardLookupQuery },
  responses: { 200: json(CareCardLookup, 'The card'), ...errors(400, 401, 403, 404) },
})

const printRoute = defineRoute({
  method: 'get',
  path: '/cards/{id}/print',
  tags: TAGS,
  summary: 'What a printed card shows: number, QR URL, masked name, team',
  access: REGISTER,
  request: idParam,
  responses: { 200: json(PrintableCareCard, 'Printable card'), ...errors(400, 401, 403, 404) },
})

/** `%`, `_` and `\` match themselves in a LIKE pattern with `escape '\'`. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`)

export const careApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(listBeneficiaries, async (c) => {
    const deps = c.get('deps')
    const p = c.get('principal')!
    const { kind, status, q: text, limit, cursor } = c.req.valid('query')
    let q = deps.db.selectFrom('beneficiaries').selectAll().where('teamId', '=', p.teamId).orderBy('id').limit(limit + 1)
    if (status) q = q.where('status', '=', status)
    // Kinds are a JSON array of codes; a quoted code matches exactly one element.
    if (kind) q = q.where(sql<boolean>`${sql.ref('kinds')} like ${`%"${likeEscape(kind)}"%`} escape '\\'`)
    if (text) q = q.where(sql<boolean>`lower(${sql.ref('name')}) like ${`%${likeEscape(text.toLowerCase())}%`} escape '\\'`)
    if (cursor) q = q.where('id', '>', cursor)
    const rows = await q.execute()
    const more = rows.length > limit
    const items = await presentBeneficiaries(deps.db, deps.cipher, p.teamId, more ? rows.slice(0, limit) : rows, viewOf(p.roles), deps.clock.now())
    return c.json({ items, nextCursor: more ? items[items.length - 1]!.id : null }, 200)
  })
  .openapi(createBeneficiaryRoute, async (c) => {
    const deps = c.get('deps')
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => {
      const row = await createBeneficiary(w, deps.cipher, body)
      const [b] = await presentBeneficiaries(w.trx, deps.cipher, w.teamId, [row], 'staff', deps.clock.now())
      return { status: 201, body: b! }
    })
    return c.json(r.body, 201)
  })
  .openapi(getBeneficiary, async (c) => {
    const deps = c.get('deps')
    const { id } = c.req.valid('param')
    return c.json(await beneficiaryDetail(deps.db, deps.cipher, teamOf(c), id, deps.clock.now()), 200)
  })
  .openapi(patchBeneficiary, async (c) => {
    const deps = c.get('deps')
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => {
      const row = await updateBeneficiary(w, deps.cipher, id, body)
      const [b] = await presentBeneficiaries(w.trx, deps.cipher, w.teamId, [row], 'staff', deps.clock.now())
      return { status: 200, body: b! }
    })
    return c.json(r.body, 200)
  })
  .openapi(statusRoute, async (c) => {
    const deps = c.get('deps')
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => {
      await changeBeneficiaryStatus(w, id, body.status, body.reason)
      return { status: 200, body: await beneficiaryDetail(w.trx, deps.cipher, w.teamId, id, deps.clock.now()) }
    })
    return c.json(r.body, 200)
  })
  .openapi(revealRoute, async (c) => {
    const deps = c.get('deps')
    const p = c.get('principal')!
    const { id } = c.req.valid('param')
    const { fields, reason } = c.req.valid('json')
    // Not through write(): an Idempotency-Key would store the whole values with the response.
    const r = await transact(deps, { teamId: p.teamId, actor: actorOf(p) }, async (w) => ({ status: 200, body: await revealBeneficiaryFields(w, deps.cipher, id, fields, reason) }))
    return c.json(r.body, 200)
  })
  .openapi(listConsents, async (c) => {
    const deps = c.get('deps')
    const teamId = teamOf(c)
    const { id } = c.req.valid('param')
    const b = await deps.db.selectFrom('beneficiaries').select('id').where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst()
    if (!b) throw notFound('Beneficiary')
    const rows = await deps.db.selectFrom('beneficiaryConsents').selectAll().where('beneficiaryId', '=', id).orderBy('recordedAt', 'desc').orderBy('id', 'desc').execute()
    return c.json({ items: rows.map((r) => toConsent(r, deps.cipher)), nextCursor: null }, 200)
  })
  .openapi(giveConsentRoute, async (c) => {
    const deps = c.get('deps')
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 201, body: toConsent(await giveConsent(w, deps.cipher, id, body), deps.cipher) }))
    return c.json(r.body, 201)
  })
  .openapi(withdrawConsentRoute, async (c) => {
    const deps = c.get('deps')
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 200, body: toConsent(await withdrawConsent(w, id, body.reason), deps.cipher) }))
    return c.json(r.body, 200)
  })
  .openapi(listCardsRoute, async (c) => {
    const { id } = c.req.valid('param')
    return c.json({ items: await listCards(c.get('deps').db, teamOf(c), id), nextCursor: null }, 200)
  })
  .openapi(issueCardRoute, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 201, body: toCareCard(await issueCard(w, id, body)) }))
    return c.json(r.body, 201)
  })
  .openapi(revokeCardRoute, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 200, body: toCareCard(await revokeCard(w, id, body.reason)) }))
    return c.json(r.body, 200)
  })
  .openapi(lookupRoute, async (c) => {
    const { code } = c.req.valid('query')
    const deps = c.get('deps')
    return c.json(await limitedCardLookup(deps, whoOf(c), deps.clientAddress(c), () => lookupCard(deps.db, teamOf(c), code)), 200)
  })
  .openapi(printRoute, async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await printableCard(c.get('deps').db, teamOf(c), id, originOf(c)), 200)
  })
