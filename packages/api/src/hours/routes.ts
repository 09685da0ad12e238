import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  Certificate,
  CertificateListQuery,
  CertificateRequest,
  CertificateRevoke,
  CorrectionDecision,
  CorrectionRequest,
  HourCorrection,
  HourCorrectionListQuery,
  HourDecision,
  HourEntry,
  HourListQuery,
  HoursSummary,
  Id,
  page,
  PledgeInput,
  PledgeSummary,
  PublicCertificate,
  SupplementHours,
  VolunteerSettings,
} from '@chayi/domain'
import type { Env, Principal } from '../context.js'
import { notFound, unauthenticated, validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { write } from '../write.js'
import { issueCertificate, revokeCertificate, toCertificate, toPublicCertificate } from './certificates.js'
import { decodeCursor, encodeCursor } from './cursor.js'
import { decideCorrection, decideHours, listCorrections, listHourEntries, requestCorrection, supplementHours } from './entries.js'
import { pledgeSummary, setPledge, stopPledge } from './pledges.js'
import { getVolunteerSettings, hoursSummary, saveVolunteerSettings } from './summary.js'

// Hours ledger, approvals, corrections, stars, certificates and pledges (issue 4 items 4–7).
// Reading someone else's hours, summary or certificate answers 404, the same as a missing one.

const TEAM_VIEWERS = ['leader', 'admin'] as const
const LEADERS = { roles: TEAM_VIEWERS }
const SIGNED_IN = { signedIn: true } as const
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) })
const idParam = { params: z.object({ id: Id }) }

const isTeamViewer = (p: Principal) => p.roles.some((r) => (TEAM_VIEWERS as readonly string[]).includes(r))

function userOf(c: Context<Env>) {
  const p = c.get('principal')
  if (p?.kind !== 'user') throw unauthenticated()
  return p
}

/** The caller's own volunteer row in their team, or 404. */
async function ownVolunteer(c: Context<Env>) {
  const p = userOf(c)
  const row = await c.get('deps').db.selectFrom('volunteers').select(['id', 'status']).where('userId', '=', p.userId).where('teamId', '=', p.teamId).executeTakeFirst()
  if (!row) throw notFound('Volunteer profile')
  return row
}

/** A team volunteer the caller may see: their own, or any when they lead the team; else 404. */
async function visibleVolunteer(c: Context<Env>, volunteerId: string) {
  const p = userOf(c)
  const row = await c.get('deps').db.selectFrom('volunteers').select(['id', 'userId']).where('id', '=', volunteerId).where('teamId', '=', p.teamId).executeTakeFirst()
  if (!row || (row.userId !== p.userId && !isTeamViewer(p))) throw notFound('Volunteer')
  return row
}

const originOf = (c: Context<Env>) => new URL(c.req.url).origin

// ---- hours ----

const myHours = defineRoute({
  method: 'get',
  path: '/hours/mine',
  tags: ['hours'],
  summary: 'Your hour entries, newest first',
  access: SIGNED_IN,
  request: { query: HourListQuery.pick({ status: true, limit: true, cursor: true }) },
  responses: { 200: json(page(HourEntry), 'Your entries'), ...errors(400, 401, 403, 404) },
})

const teamHours = defineRoute({
  method: 'get',
  path: '/hours',
  tags: ['hours'],
  summary: "The team's hour entries, newest first; `?status=pending` is the approvals queue",
  access: LEADERS,
  request: { query: HourListQuery },
  responses: { 200: json(page(HourEntry), 'Entries'), ...errors(400, 401, 403) },
})

const mySummary = defineRoute({
  method: 'get',
  path: '/hours/summary',
  tags: ['hours'],
  summary: 'Your approved and pending minutes, star level, last 12 months and projects',
  access: SIGNED_IN,
  responses: { 200: json(HoursSummary, 'Your summary'), ...errors(401, 403, 404) },
})

const volunteerSummary = defineRoute({
  method: 'get',
  path: '/volunteers/{id}/hours-summary',
  tags: ['hours'],
  summary: "A volunteer's hours summary: their own, or any of the team for a leader or admin; anyone else gets 404",
  access: SIGNED_IN,
  request: idParam,
  responses: { 200: json(HoursSummary, 'The summary'), ...errors(401, 403, 404) },
})

const supplement = defineRoute({
  method: 'post',
  path: '/hours/supplements',
  tags: ['hours'],
  summary: '补录: add pending hours for a team volunteer at a past activity, with a reason, capped at its length',
  access: LEADERS,
  request: { body: jsonBody(SupplementHours) },
  responses: { 201: json(HourEntry, 'Added, pending approval'), ...errors(400, 401, 403, 404, 409, 422) },
})

const decide = defineRoute({
  method: 'post',
  path: '/hours/decisions',
  tags: ['hours'],
  summary: 'Approve or reject pending entries, all or nothing (an entry not pending is a 409 `not_pending` listed in `issues`)',
  access: LEADERS,
  request: { body: jsonBody(HourDecision) },
  responses: { 200: json(items(HourEntry), 'Decided'), ...errors(400, 401, 403, 404, 409) },
})

const requestFix = defineRoute({
  method: 'post',
  path: '/hours/{id}/correction-requests',
  tags: ['hours'],
  summary: 'Ask for one of your approved entries to be corrected (one open request at a time)',
  access: SIGNED_IN,
  request: { ...idParam, body: jsonBody(CorrectionRequest) },
  responses: { 201: json(HourEntry, 'The entry, with the open request'), ...errors(400, 401, 403, 404, 409, 422) },
})

const corrections = defineRoute({
  method: 'get',
  path: '/hour-corrections',
  tags: ['hours'],
  summary: "The team's correction requests, oldest first (`?status=open`, the default, is the queue)",
  access: LEADERS,
  request: { query: HourCorrectionListQuery },
  responses: { 200: json(items(HourCorrection), 'Requests'), ...errors(400, 401, 403) },
})

const decideFix = defineRoute({
  method: 'post',
  path: '/hour-corrections/{id}/decision',
  tags: ['hours'],
  summary: 'Accept (a reversal and, unless 0, a correction entry, both approved) or decline a correction request, once',
  access: LEADERS,
  request: { ...idParam, body: jsonBody(CorrectionDecision) },
  responses: { 200: json(items(HourEntry), 'Accepted: [reversal, correction]; declined: [the entry]'), ...errors(400, 401, 403, 404, 409) },
})

// ---- settings ----

const readSettings = defineRoute({
  method: 'get',
  path: '/volunteer-settings',
  tags: ['hours'],
  summary: "The team's star thresholds and certificate details (defaults until a leader saves them)",
  access: SIGNED_IN,
  responses: { 200: json(VolunteerSettings, 'Settings'), ...errors(401, 403) },
})

const saveSettings = defineRoute({
  method: 'put',
  path: '/volunteer-settings',
  tags: ['hours'],
  summary: "Set the team's star thresholds, person in charge and contact",
  access: LEADERS,
  request: { body: jsonBody(VolunteerSettings) },
  responses: { 200: json(VolunteerSettings, 'Saved'), ...errors(400, 401, 403) },
})

// ---- certificates ----

const issue = defineRoute({
  method: 'post',
  path: '/certificates',
  tags: ['certificates'],
  summary: '志愿服务证明 for a period: a leader or admin for any team volunteer, a volunteer for themself',
  access: SIGNED_IN,
  request: { body: jsonBody(CertificateRequest) },
  responses: { 201: json(Certificate, 'Issued'), ...errors(400, 401, 403, 404, 422) },
})

const myCertificates = defineRoute({
  method: 'get',
  path: '/certificates/mine',
  tags: ['certificates'],
  summary: 'Your certificates, newest first',
  access: SIGNED_IN,
  request: { query: CertificateListQuery.omit({ volunteerId: true }) },
  responses: { 200: json(page(Certificate), 'Your certificates'), ...errors(400, 401, 403, 404) },
})

const teamCertificates = defineRoute({
  method: 'get',
  path: '/certificates',
  tags: ['certificates'],
  summary: "The team's certificates, newest first, or one volunteer's",
  access: LEADERS,
  request: { query: CertificateListQuery },
  responses: { 200: json(page(Certificate), 'Certificates'), ...errors(400, 401, 403) },
})

const oneCertificate = defineRoute({
  method: 'get',
  path: '/certificates/{id}',
  tags: ['certificates'],
  summary: 'A certificate: its volunteer or a leader or admin of the team; anyone else gets 404',
  access: SIGNED_IN,
  request: idParam,
  responses: { 200: json(Certificate, 'The certificate'), ...errors(401, 403, 404) },
})

const revoke = defineRoute({
  method: 'post',
  path: '/certificates/{id}/revoke',
  tags: ['certificates'],
  summary: 'Withdraw a certificate, once; the public check then says revoked',
  access: LEADERS,
  request: { ...idParam, body: jsonBody(CertificateRevoke) },
  responses: { 200: json(Certificate, 'Revoked'), ...errors(400, 401, 403, 404, 409) },
})

const check = defineRoute({
  method: 'get',
  path: '/public/certificates/{number}',
  tags: ['certificates'],
  summary: 'Check a certificate by its number: masked name, minutes, period, issuer, valid or revoked (no ID number)',
  access: { public: true },
  request: { params: z.object({ number: z.string().min(1).max(64) }) },
  responses: { 200: json(PublicCertificate, 'The certificate'), ...errors(400, 404) },
})

// ---- pledges ----

const myPledge = defineRoute({
  method: 'get',
  path: '/pledges/mine',
  tags: ['pledges'],
  summary: 'Your monthly pledge, its history and this year’s total',
  access: SIGNED_IN,
  responses: { 200: json(PledgeSummary, 'Your pledge'), ...errors(401, 403, 404) },
})

const pledge = defineRoute({
  method: 'put',
  path: '/pledges/mine',
  tags: ['pledges'],
  summary: 'Pledge an amount a month from this month on (a change closes the previous pledge; amounts are never edited)',
  access: SIGNED_IN,
  request: { body: jsonBody(PledgeInput) },
  responses: { 200: json(PledgeSummary, 'Your pledge'), ...errors(400, 401, 403, 404, 422) },
})

const stop = defineRoute({
  method: 'delete',
  path: '/pledges/mine',
  tags: ['pledges'],
  summary: 'Stop your pledge after this month',
  access: SIGNED_IN,
  responses: { 200: json(PledgeSummary, 'Your pledge'), ...errors(401, 403, 404, 409, 422) },
})

export const hoursApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(myHours, async (c) => {
    const me = await ownVolunteer(c)
    const q = c.req.valid('query')
    return c.json(await listHourEntries(c.get('deps').db, userOf(c).teamId, { ...q, volunteerId: me.id }), 200)
  })
  .openapi(teamHours, async (c) => c.json(await listHourEntries(c.get('deps').db, userOf(c).teamId, c.req.valid('query')), 200))
  .openapi(mySummary, async (c) => {
    const me = await ownVolunteer(c)
    const deps = c.get('deps')
    return c.json(await hoursSummary(deps.db, userOf(c).teamId, me.id, deps.clock.now()), 200)
  })
  .openapi(volunteerSummary, async (c) => {
    const v = await visibleVolunteer(c, c.req.valid('param').id)
    const deps = c.get('deps')
    return c.json(await hoursSummary(deps.db, userOf(c).teamId, v.id, deps.clock.now()), 200)
  })
  .openapi(supplement, async (c) => {
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => ({ status: 201, body: await supplementHours(w, body) }))
    return c.json(r.body, 201)
  })
  .openapi(decide, async (c) => {
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => ({ status: 200, body: { items: await decideHours(w, body.entryIds, body.approve, body.note) } }))
    return c.json(r.body, 200)
  })
  .openapi(requestFix, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const me = await ownVolunteer(c)
    const r = await write(c, { id, ...body }, async (w) => ({ status: 201, body: await requestCorrection(w, me.id, id, body) }))
    return c.json(r.body, 201)
  })
  .openapi(corrections, async (c) => c.json({ items: await listCorrections(c.get('deps').db, userOf(c).teamId, c.req.valid('query').status) }, 200))
  .openapi(decideFix, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 200, body: { items: await decideCorrection(w, id, body) } }))
    return c.json(r.body, 200)
  })
  .openapi(readSettings, async (c) => c.json(await getVolunteerSettings(c.get('deps').db, userOf(c).teamId), 200))
  .openapi(saveSettings, async (c) => {
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => ({ status: 200, body: await saveVolunteerSettings(w, body) }))
    return c.json(r.body, 200)
  })
  .openapi(issue, async (c) => {
    const p = userOf(c)
    const body = c.req.valid('json')
    if (!isTeamViewer(p)) {
      // A volunteer may ask only for their own; anyone else's looks missing.
      const me = await c.get('deps').db.selectFrom('volunteers').select('id').where('userId', '=', p.userId).where('teamId', '=', p.teamId).executeTakeFirst()
      if (me?.id !== body.volunteerId) throw notFound('Volunteer')
    }
    const deps = c.get('deps')
    const origin = originOf(c)
    const r = await write(c, body, async (w) => ({ status: 201, body: toCertificate(await issueCertificate(w, deps.cipher, body), origin) }))
    return c.json(r.body, 201)
  })
  .openapi(myCertificates, async (c) => {
    const me = await ownVolunteer(c)
    return c.json(await listCertificates(c, { ...c.req.valid('query'), volunteerId: me.id }), 200)
  })
  .openapi(teamCertificates, async (c) => c.json(await listCertificates(c, c.req.valid('query')), 200))
  .openapi(oneCertificate, async (c) => {
    const p = userOf(c)
    const db = c.get('deps').db
    const row = await db.selectFrom('certificates').selectAll().where('id', '=', c.req.valid('param').id).where('teamId', '=', p.teamId).executeTakeFirst()
    if (!row) throw notFound('Certificate')
    if (!isTeamViewer(p)) {
      const owner = await db.selectFrom('volunteers').select('userId').where('id', '=', row.volunteerId).executeTakeFirst()
      if (owner?.userId !== p.userId) throw notFound('Certificate')
    }
    return c.json(toCertificate(row, originOf(c)), 200)
  })
  .openapi(revoke, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const origin = originOf(c)
    const r = await write(c, { id, ...body }, async (w) => ({ status: 200, body: toCertificate(await revokeCertificate(w, id, body.reason), origin) }))
    return c.json(r.body, 200)
  })
  .openapi(check, async (c) => {
    const row = await c.get('deps').db.selectFrom('certificates').selectAll().where('number', '=', c.req.valid('param').number).executeTakeFirst()
    if (!row) throw notFound('Certificate')
    return c.json(toPublicCertificate(row), 200)
  })
  .openapi(myPledge, async (c) => {
    const me = await ownVolunteer(c)
    const deps = c.get('deps')
    return c.json(await pledgeSummary(deps.db, me.id, deps.clock.now()), 200)
  })
  .openapi(pledge, async (c) => {
    const me = await ownVolunteer(c)
    const body = c.req.valid('json')
    // The summary is computed in the write, at its own time, so a replay returns the same answer.
    const r = await write(c, body, async (w) => {
      await setPledge(w, me.id, body.monthlyFen)
      return { status: 200, body: await pledgeSummary(w.trx, me.id, new Date(w.at)) }
    })
    return c.json(r.body, 200)
  })
  .openapi(stop, async (c) => {
    const me = await ownVolunteer(c)
    const r = await write(c, null, async (w) => {
      await stopPledge(w, me.id)
      return { status: 200, body: await pledgeSummary(w.trx, me.id, new Date(w.at)) }
    })
    return c.json(r.body, 200)
  })

async function listCertificates(c: Context<Env>, q: { volunteerId?: string | undefined; limit: number; cursor?: string | undefined }) {
  const p = userOf(c)
  let query = c.get('deps').db.selectFrom('certificates').selectAll().where('teamId', '=', p.teamId).orderBy('issuedAt', 'desc').orderBy('id', 'desc').limit(q.limit + 1)
  if (q.volunteerId) query = query.where('volunteerId', '=', q.volunteerId)
  if (q.cursor) {
    const cur = decodeCursor(q.cursor)
    query = query.where((eb) => eb.or([eb('issuedAt', '<', cur.createdAt), eb.and([eb('issuedAt', '=', cur.createdAt), eb('id', '<', cur.id)])]))
  }
  const rows = await query.execute()
  const more = rows.length > q.limit
  const pageRows = more ? rows.slice(0, q.limit) : rows
  const last = pageRows[pageRows.length - 1]
  const origin = originOf(c)
  return { items: pageRows.map((r) => toCertificate(r, origin)), nextCursor: more && last ? encodeCursor(last.issuedAt, last.id) : null }
}
