import { OpenAPIHono } from '@hono/zod-openapi'
import { AidExit, AidExitApproval, AidSettings, AidExitCandidate, AidExitObjection, AidExitProposal, AidExitStatus, AidPublicNoticeQuery, AidPublicNotices, chinaIsoDate, page } from '@chayi/domain'
import type { Env } from '../context.js'
import { validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { teamByCode } from '../teahouse/board.js'
import { write } from '../write.js'
import { AID, AID_LEADERS, idParam, TAGS, viewerOf } from './access.js'
import { aidSettings, saveAidSettings } from './settings.js'
import { approveExit, confirmExit, exitCandidates, exitCheck, householdOf, latestExit, objectToExit, proposeExit, publicNotices, toAidExit, toExitCheck } from './exit.js'

// 脱贫退出: the rule's candidates, a worker's proposal, a leader's approval (the public notice
// starts), an objection during the notice, a leader's confirmation after it; and the notice board
// anyone may read. These are the only ways into exit_proposed and exited.

const settingsRoute = defineRoute({
  method: 'get',
  path: '/aid/settings',
  tags: TAGS,
  summary: "The team's exit settings: stable months (6), notice days (5), monitoring months (12) unless a leader changed them",
  access: AID,
  responses: { 200: json(AidSettings, 'Settings'), ...errors(401, 403) },
})

const saveSettingsRoute = defineRoute({
  method: 'put',
  path: '/aid/settings',
  tags: TAGS,
  summary: 'Leaders set the stable period before an exit, the public notice and the monitoring after it',
  access: AID_LEADERS,
  request: { body: jsonBody(AidSettings) },
  responses: { 200: json(AidSettings, 'Saved'), ...errors(400, 401, 403) },
})

const candidatesRoute = defineRoute({
  method: 'get',
  path: '/aid/exit-candidates',
  tags: TAGS,
  summary: 'Assisted households the exit rule would propose by itself (stable above the monitoring line, every checklist item; never without labour)',
  access: AID,
  responses: { 200: json(page(AidExitCandidate), 'Candidates'), ...errors(401, 403) },
})

const exitStatusRoute = defineRoute({
  method: 'get',
  path: '/aid/households/{id}/exit',
  tags: TAGS,
  summary: "A household's exit standing: the rule today (with every reason that stands in the way) and its latest exit attempt",
  access: AID,
  request: idParam,
  responses: { 200: json(AidExitStatus, 'Exit standing'), ...errors(400, 401, 403, 404) },
})

const proposalRoute = defineRoute({
  method: 'post',
  path: '/aid/households/{id}/exit-proposal',
  tags: TAGS,
  summary: 'Propose an assisted household for exit (422 exit_rule_unmet naming the reasons)',
  access: AID,
  request: { ...idParam, body: jsonBody(AidExitProposal) },
  responses: { 201: json(AidExit, 'Proposed'), ...errors(400, 401, 403, 404, 409, 422) },
})

const approvalRoute = defineRoute({
  method: 'post',
  path: '/aid/households/{id}/exit-approval',
  tags: TAGS,
  summary: 'A leader approves a proposal: the public notice runs from today for 5 days',
  access: AID_LEADERS,
  request: { ...idParam, body: jsonBody(AidExitApproval) },
  responses: { 200: json(AidExit, 'Approved, notice running'), ...errors(400, 401, 403, 404, 409, 422) },
})

const objectionRoute = defineRoute({
  method: 'post',
  path: '/aid/households/{id}/exit-objection',
  tags: TAGS,
  summary: 'An objection during the notice (or a withdrawal before approval): the proposal is withdrawn, the household assisted again',
  access: AID,
  request: { ...idParam, body: jsonBody(AidExitObjection) },
  responses: { 200: json(AidExit, 'Withdrawn'), ...errors(400, 401, 403, 404, 409) },
})

const confirmRoute = defineRoute({
  method: 'post',
  path: '/aid/households/{id}/exit-confirm',
  tags: TAGS,
  summary: 'A leader confirms after the notice (409 notice_running before its end): exited, then monitored for 12 months',
  access: AID_LEADERS,
  request: idParam,
  responses: { 200: json(AidExit, 'Exited and monitored'), ...errors(400, 401, 403, 404, 409) },
})

const noticesRoute = defineRoute({
  method: 'get',
  path: '/public/aid/notices',
  tags: TAGS,
  summary: '退出公示: running and recent exit notices of a team — no ID numbers, phones, bank, health or birth data',
  access: { public: true },
  request: { query: AidPublicNoticeQuery },
  responses: { 200: json(AidPublicNotices, 'Notices'), ...errors(400, 404) },
})

export const aidExitApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(settingsRoute, async (c) => c.json(await aidSettings(c.get('deps').db, viewerOf(c).teamId), 200))
  .openapi(saveSettingsRoute, async (c) => {
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => ({ status: 200, body: await saveAidSettings(w, body) }))
    return c.json(r.body, 200)
  })
  .openapi(candidatesRoute, async (c) => {
    const deps = c.get('deps')
    const { teamId } = viewerOf(c)
    return c.json({ items: await exitCandidates(deps.db, teamId, deps.clock.now().toISOString()), nextCursor: null }, 200)
  })
  .openapi(exitStatusRoute, async (c) => {
    const deps = c.get('deps')
    const { teamId } = viewerOf(c)
    const h = await householdOf(deps.db, teamId, c.req.valid('param').id)
    const check = await exitCheck(deps.db, teamId, h, deps.clock.now().toISOString(), false)
    const current = await latestExit(deps.db, h.id)
    return c.json({ householdId: h.id, status: h.status as AidExitStatus['status'], check: toExitCheck(check), current: current ? toAidExit(current, h) : null }, 200)
  })
  .openapi(proposalRoute, async (c) => {
    const viewer = viewerOf(c)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 201, body: await proposeExit(w, id, body.reason, viewer.leader) }))
    return c.json(r.body, 201)
  })
  .openapi(approvalRoute, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 200, body: await approveExit(w, id, body.reason) }))
    return c.json(r.body, 200)
  })
  .openapi(objectionRoute, async (c) => {
    const viewer = viewerOf(c)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 200, body: await objectToExit(w, id, body.note, viewer.leader) }))
    return c.json(r.body, 200)
  })
  .openapi(confirmRoute, async (c) => {
    const { id } = c.req.valid('param')
    const r = await write(c, { id }, async (w) => ({ status: 200, body: await confirmExit(w, id) }))
    return c.json(r.body, 200)
  })
  .openapi(noticesRoute, async (c) => {
    const deps = c.get('deps')
    const team = await teamByCode(deps.db, c.req.valid('query').team)
    const now = deps.clock.now().toISOString()
    return c.json({ teamName: team.name, today: chinaIsoDate(now), items: await publicNotices(deps.db, team.id, now), nextCursor: null }, 200)
  })
