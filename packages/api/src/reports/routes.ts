import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { Dashboard, DashboardQuery, Disclosure, DisclosureBody, DisclosureInput, DisclosureVersion, ExportQuery, PublicDisclosureSummary, Quarter, shiftMonth } from '@chayi/domain'
import type { Env } from '../context.js'
import { badRequest, unauthenticated, validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { write } from '../write.js'
import { listDisclosures, previewDisclosure, publicDisclosure, publicDisclosures, publishDisclosure } from './disclosures.js'
import { dashboardXlsx } from './export.js'
import { dashboard, defaultRange } from './figures.js'

// The `reports` context's routes (报表与公开披露, issue 5 item 7). Leaders, admins and care staff
// read the dashboard and its Excel export; leaders and admins preview and publish the quarterly
// disclosure; anyone reads what was published, without signing in.

const READ = { roles: ['leader', 'admin', 'care_staff'] as const }
const PUBLISH = { roles: ['leader', 'admin'] as const }
const TAGS = ['reports']
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

function teamOf(c: Context<Env>) {
  const p = c.get('principal')
  if (!p) throw unauthenticated()
  return p.teamId
}

function range(c: Context<Env>, q: { from?: string | undefined; to?: string | undefined }) {
  const d = defaultRange(c.get('deps').clock.now())
  const to = q.to ?? (q.from && q.from > d.to ? q.from : d.to)
  const from = q.from ?? shiftMonth(to, -11)
  if (from > to) throw badRequest('invalid_range', '`from` must not be after `to`.', [{ path: 'from', message: 'after to' }])
  // The dashboard is months wide; five years is plenty and keeps the work bounded.
  if (Number(to.slice(0, 4)) * 12 + Number(to.slice(5)) - (Number(from.slice(0, 4)) * 12 + Number(from.slice(5))) >= 60) {
    throw badRequest('invalid_range', 'A report covers at most 60 months.', [{ path: 'to', message: 'more than 60 months after from' }])
  }
  return { from, to }
}

const dashboardRoute = defineRoute({
  method: 'get',
  path: '/reports/dashboard',
  tags: TAGS,
  summary: 'Figures from the ledgers for a range of China-time months (default: the last 12): approved hours by project and month, cups bought and served, granary in and out by category, fund income and spending, active beneficiaries by kind',
  access: READ,
  request: { query: DashboardQuery },
  responses: { 200: json(Dashboard, 'The figures'), ...errors(400, 401, 403) },
})

const exportRoute = defineRoute({
  method: 'get',
  path: '/reports/export.xlsx',
  tags: TAGS,
  summary: 'The dashboard as an Excel workbook, one sheet per figure, headers in `lang` (zh-CN or en)',
  access: READ,
  request: { query: ExportQuery },
  responses: { 200: { description: 'The workbook, as an attachment', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } }, ...errors(400, 401, 403) },
})

const preview = defineRoute({
  method: 'get',
  path: '/reports/disclosures/preview',
  tags: TAGS,
  summary: 'Exactly what publishing the quarter would make public now (counts 1–4 withheld), whether the quarter is over, and the version it would get',
  access: PUBLISH,
  request: { query: z.object({ quarter: Quarter }) },
  responses: { 200: json(z.object({ body: DisclosureBody, ended: z.boolean(), nextVersion: z.number().int() }), 'The preview'), ...errors(400, 401, 403) },
})

const publish = defineRoute({
  method: 'post',
  path: '/reports/disclosures',
  tags: TAGS,
  summary: 'Publish the quarter as a frozen snapshot; again for the same quarter makes the next version, which supersedes. A quarter not yet over is a 422 `quarter_not_ended`',
  access: PUBLISH,
  request: { body: jsonBody(DisclosureInput) },
  responses: { 201: json(Disclosure, 'Published'), ...errors(400, 401, 403, 409, 422) },
})

const list = defineRoute({
  method: 'get',
  path: '/reports/disclosures',
  tags: TAGS,
  summary: 'Every published version, newest quarter first, with who published it',
  access: PUBLISH,
  responses: { 200: json(z.object({ items: z.array(DisclosureVersion) }), 'Versions'), ...errors(401, 403) },
})

const publicList = defineRoute({
  method: 'get',
  path: '/public/disclosures',
  tags: TAGS,
  summary: 'The quarters a team has published, each with its version in force (no sign-in)',
  access: { public: true },
  request: { query: z.object({ team: z.string().min(1).max(64) }) },
  responses: { 200: json(z.object({ items: z.array(PublicDisclosureSummary) }), 'Published quarters'), ...errors(400, 404) },
})

const publicOne = defineRoute({
  method: 'get',
  path: '/public/disclosures/{team}/{quarter}',
  tags: TAGS,
  summary: 'The version in force of a published quarter: aggregates only, counts 1–4 withheld (no sign-in)',
  access: { public: true },
  request: { params: z.object({ team: z.string().min(1).max(64), quarter: Quarter }) },
  responses: { 200: json(Disclosure, 'The disclosure'), ...errors(400, 404) },
})

export const reportsApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(dashboardRoute, async (c) => {
    const { from, to } = range(c, c.req.valid('query'))
    return c.json(await dashboard(c.get('deps').db, teamOf(c), from, to), 200)
  })
  .openapi(exportRoute, async (c) => {
    const q = c.req.valid('query')
    const { from, to } = range(c, q)
    const body = await dashboardXlsx(await dashboard(c.get('deps').db, teamOf(c), from, to), q.lang)
    const filename = `${q.lang === 'en' ? 'report' : '报表'}_${from}_${to}.xlsx`
    return c.body(new Uint8Array(body), 200, {
      'content-type': XLSX,
      'content-disposition': `attachment; filename="report_${from}_${to}.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'cache-control': 'no-store',
    })
  })
  .openapi(preview, async (c) => {
    const deps = c.get('deps')
    return c.json(await previewDisclosure(deps.db, teamOf(c), c.req.valid('query').quarter, deps.clock.now()), 200)
  })
  .openapi(publish, async (c) => {
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => ({ status: 201, body: await publishDisclosure(w, body.quarter) }))
    return c.json(r.body, 201)
  })
  .openapi(list, async (c) => c.json({ items: await listDisclosures(c.get('deps').db, teamOf(c)) }, 200))
  .openapi(publicList, async (c) => c.json({ items: await publicDisclosures(c.get('deps').db, c.req.valid('query').team) }, 200))
  .openapi(publicOne, async (c) => {
    const { team, quarter } = c.req.valid('param')
    return c.json(await publicDisclosure(c.get('deps').db, team, quarter), 200)
  })
