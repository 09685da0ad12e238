import { OpenAPIHono, z } from '@hono/zod-openapi'
import { AidIncome, AidIncomeYear, AidLine, AidLineQuery, ListQuery, NewAidIncome, NewAidLine, page } from '@chayi/domain'
import type { Env } from '../context.js'
import { unprocessable, validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { write } from '../write.js'
import { AID, AID_LEADERS, idParam, TAGS, viewerOf } from './access.js'
import { recordIncome, toAidIncome } from './incomes.js'
import { checkHousehold } from './pairings.js'
import { incomeYears, listLines, setLine } from './lines.js'

// 情系藏区: lines (低保 standard, monitoring line) and households' incomes, with the per-year chart.
// Lines are set by leaders; aid workers record a household's yearly figures. Nothing is edited:
// a later line or record for the same year supersedes the earlier one.

const listLinesRoute = defineRoute({
  method: 'get',
  path: '/aid/lines',
  tags: TAGS,
  summary: "The team's lines, newest year first: `?year=` for one year; placeId null is team-wide",
  access: AID,
  request: { query: AidLineQuery },
  responses: { 200: json(page(AidLine), 'Lines'), ...errors(400, 401, 403) },
})

const setLineRoute = defineRoute({
  method: 'post',
  path: '/aid/lines',
  tags: TAGS,
  summary: "Set a year's 低保 standard and monitoring line for the team or one county, township or village (leaders)",
  access: AID_LEADERS,
  request: { body: jsonBody(NewAidLine) },
  responses: { 201: json(AidLine, 'Set'), ...errors(400, 401, 403, 409, 422) },
})

const recordIncomeRoute = defineRoute({
  method: 'post',
  path: '/aid/households/{id}/incomes',
  tags: TAGS,
  summary: "Record a household's figures for a year (年度核算); supersedes earlier figures of that year",
  access: AID,
  request: { ...idParam, body: jsonBody(NewAidIncome) },
  responses: { 201: json(AidIncome, 'Recorded'), ...errors(400, 401, 403, 404, 409, 422) },
})

const listIncomesRoute = defineRoute({
  method: 'get',
  path: '/aid/households/{id}/incomes',
  tags: TAGS,
  summary: "A household's income records (yearly, at visits, partner credits), newest first",
  access: AID,
  request: { ...idParam, query: ListQuery },
  responses: { 200: json(page(AidIncome), 'Income records'), ...errors(400, 401, 403, 404) },
})

const incomeYearsRoute = defineRoute({
  method: 'get',
  path: '/aid/households/{id}/income-years',
  tags: TAGS,
  summary: "A household's years, oldest first: summed components, per-capita net and the year's lines (the chart)",
  access: AID,
  request: idParam,
  responses: { 200: json(z.array(AidIncomeYear), 'Years'), ...errors(400, 401, 403, 404) },
})

/**
 * A year's figures are taken during that year or after it, and not later than today (China time
 * runs ahead of UTC, so "today" is allowed a day's slack).
 */
function checkAsOf(year: number, asOf: string, at: string): void {
  if (asOf < `${year}-01-01`) throw unprocessable('bad_as_of', `Figures for ${year} cannot be taken before the year began.`, [{ path: 'asOf', message: `must be in ${year} or later` }])
  const tomorrow = new Date(Date.parse(at) + 86_400_000).toISOString().slice(0, 10)
  if (asOf > tomorrow) throw unprocessable('bad_as_of', 'Figures cannot be taken on a day still to come.', [{ path: 'asOf', message: 'must not be in the future' }])
}

export const aidIncomeApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(listLinesRoute, async (c) => {
    const { teamId } = viewerOf(c)
    const { year } = c.req.valid('query')
    return c.json({ items: await listLines(c.get('deps').db, teamId, year), nextCursor: null }, 200)
  })
  .openapi(setLineRoute, async (c) => {
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => ({ status: 201, body: await setLine(w, body) }))
    return c.json(r.body, 201)
  })
  .openapi(recordIncomeRoute, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => {
      await checkHousehold(w.trx, w.teamId, id)
      const { year, asOf, memberCount, note, ...components } = body
      checkAsOf(year, asOf, w.at)
      const row = await recordIncome(w, { householdId: id, year, asOf, source: 'annual', components, memberCount, note: note ?? null })
      return { status: 201, body: toAidIncome(row) }
    })
    return c.json(r.body, 201)
  })
  .openapi(listIncomesRoute, async (c) => {
    const db = c.get('deps').db
    const { teamId } = viewerOf(c)
    const { id } = c.req.valid('param')
    const { limit, cursor } = c.req.valid('query')
    await checkHousehold(db, teamId, id)
    // Ids are time-ordered (UUIDv7), so id order is creation order and the id is the cursor.
    let q = db.selectFrom('aidIncomes').selectAll().where('teamId', '=', teamId).where('householdId', '=', id).orderBy('id', 'desc').limit(limit + 1)
    if (cursor) q = q.where('id', '<', cursor)
    const rows = await q.execute()
    const more = rows.length > limit
    const items = (more ? rows.slice(0, limit) : rows).map(toAidIncome)
    return c.json({ items, nextCursor: more ? items[items.length - 1]!.id : null }, 200)
  })
  .openapi(incomeYearsRoute, async (c) => {
    const { teamId } = viewerOf(c)
    const { id } = c.req.valid('param')
    return c.json(await incomeYears(c.get('deps').db, teamId, id), 200)
  })
