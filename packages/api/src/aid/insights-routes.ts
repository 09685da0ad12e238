import { OpenAPIHono, z } from '@hono/zod-openapi'
import { AidDashboard, AidDashboardQuery, AidExportQuery, AidPartnerLink, AidPartnerLinkIssued, AidPartnerToken, AidPartnerView, Id, NewAidPartnerLink, page } from '@chayi/domain'
import { actorOf, type Env } from '../context.js'
import { validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { transact, write } from '../write.js'
import { AID, AID_LEADERS, TAGS, viewerOf } from './access.js'
import { aidDashboard, aidXlsx } from './insights.js'
import { issuePartnerLink, listPartnerLinks, partnerView, revokePartnerLink } from './partner-view.js'

// 情系藏区: the dashboard, Excel export and partners' redacted view. Leaders issue and revoke the
// view links; the view itself is public and anonymous, opened by the link's token alone.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const dashboardRoute = defineRoute({
  method: 'get',
  path: '/aid/dashboard',
  tags: TAGS,
  summary: 'Households by status and main cause, the income trend against the line, bands, measures, deliveries and partner contributions (`?year=` for one year)',
  access: AID,
  request: { query: AidDashboardQuery },
  responses: { 200: json(AidDashboard, 'The figures'), ...errors(400, 401, 403) },
})

const exportRoute = defineRoute({
  method: 'get',
  path: '/aid/export.xlsx',
  tags: TAGS,
  summary: 'Households (by code, nothing sealed, no names), incomes by year, the trend, deliveries and partner contributions as an Excel workbook; headers in `lang`',
  access: AID,
  request: { query: AidExportQuery },
  responses: { 200: { description: 'The workbook, as an attachment', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } }, ...errors(400, 401, 403) },
})

const listLinksRoute = defineRoute({
  method: 'get',
  path: '/aid/partner-links',
  tags: TAGS,
  summary: "Partners' view links, newest first (the tokens are never shown again)",
  access: AID_LEADERS,
  responses: { 200: json(page(AidPartnerLink), 'Links'), ...errors(401, 403) },
})

const issueLinkRoute = defineRoute({
  method: 'post',
  path: '/aid/partner-links',
  tags: TAGS,
  summary: 'Issue a view link for a partner: the token is in this response only',
  access: AID_LEADERS,
  request: { body: jsonBody(NewAidPartnerLink) },
  responses: { 201: json(AidPartnerLinkIssued, 'Issued'), ...errors(400, 401, 403, 409, 422) },
})

const revokeLinkRoute = defineRoute({
  method: 'post',
  path: '/aid/partner-links/{id}/revoke',
  tags: TAGS,
  summary: 'Revoke a view link: its token opens nothing from now on',
  access: AID_LEADERS,
  request: { params: z.object({ id: Id }) },
  responses: { 200: json(AidPartnerLink, 'Revoked'), ...errors(400, 401, 403, 404) },
})

const partnerViewRoute = defineRoute({
  method: 'get',
  path: '/public/aid/partner-view/{token}',
  tags: TAGS,
  summary: "A partner's households as codes, places and bands against the line, with its deliveries; no names, health, ID, phone, bank or income figures",
  access: { public: true },
  request: { params: z.object({ token: AidPartnerToken }) },
  responses: { 200: json(AidPartnerView, 'The view'), ...errors(400, 404) },
})

export const aidInsightsApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(dashboardRoute, async (c) => {
    const { teamId } = viewerOf(c)
    return c.json(await aidDashboard(c.get('deps').db, teamId, c.req.valid('query').year), 200)
  })
  .openapi(exportRoute, async (c) => {
    const { teamId } = viewerOf(c)
    const { lang } = c.req.valid('query')
    const body = await aidXlsx(c.get('deps').db, teamId, lang)
    const day = c.get('deps').clock.now().toISOString().slice(0, 10)
    const filename = `${lang === 'en' ? 'aid' : '藏区帮扶'}_${day}.xlsx`
    return c.body(new Uint8Array(body), 200, {
      'content-type': XLSX,
      'content-disposition': `attachment; filename="aid_${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'cache-control': 'no-store',
    })
  })
  .openapi(listLinksRoute, async (c) => {
    const { teamId } = viewerOf(c)
    return c.json({ items: await listPartnerLinks(c.get('deps').db, teamId), nextCursor: null }, 200)
  })
  .openapi(issueLinkRoute, async (c) => {
    const p = c.get('principal')!
    const body = c.req.valid('json')
    // Not through write(): an Idempotency-Key would store the token with the response, in clear.
    const r = await transact(c.get('deps'), { teamId: p.teamId, actor: actorOf(p) }, async (w) => ({ status: 201, body: await issuePartnerLink(w, body.partnerId) }))
    return c.json(r.body, 201)
  })
  .openapi(revokeLinkRoute, async (c) => {
    const { id } = c.req.valid('param')
    const r = await write(c, { id }, async (w) => ({ status: 200, body: await revokePartnerLink(w, id) }))
    return c.json(r.body, 200)
  })
  .openapi(partnerViewRoute, async (c) => {
    const deps = c.get('deps')
    c.header('cache-control', 'no-store')
    c.header('referrer-policy', 'no-referrer')
    return c.json(await partnerView(deps.db, c.req.valid('param').token, deps.clock.now()), 200)
  })
