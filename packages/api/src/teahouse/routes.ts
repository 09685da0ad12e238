import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import {
  Board,
  BoardQuery,
  CardCheck,
  CardCheckQuery,
  CloseShiftRequest,
  Id,
  Intake,
  IntakeRequest,
  KioskCatalogue,
  KioskDeviceState,
  ListQuery,
  MenuItem,
  MenuItemInput,
  MenuItemPatch,
  OpenShiftRequest,
  page,
  PublicReceipt,
  ReceiptCode,
  Sale,
  SaleListQuery,
  SaleRequest,
  Serving,
  ServingRequest,
  Shift,
  ShiftReport,
  TeahouseSettings,
  TeahouseSettingsInput,
} from '@chayi/domain'
import type { Env } from '../context.js'
import { notFound, validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { write } from '../write.js'
import { BOARD_EVENT, boardOf, teamByCode } from './board.js'
import { deviceOf, callerDevice, exactlyOnce, MANAGERS, teamOf, unlockedDeviceOf } from './common.js'
import { intakeSeqUsed, recordIntake, storedIntake } from './intakes.js'
import { listSales, publicReceipt, recordSale, reverseSale, saleSeqUsed, storedSale } from './sales.js'
import { checkCard, recordServing, servingSeqUsed, storedServing } from './servings.js'
import { limitedCardLookup, whoOf } from '../care/cards.js'
import { createMenuItem, kioskCatalogue, listMenu, saveTeahouseSettings, updateMenuItem } from './settings.js'
import { closeShift, deviceState, listShifts, loadShift, openShift, registerDevice, shiftReport, shiftSeqUsed, storedShift } from './shifts.js'

// 茶馆 (issue 6): menu and settings, shifts, sales with charity cups, serving cups to care-card holders,
// goods intake for the granary, and the public board. A tablet's records carry its client id and
// sequence number and are stored exactly once (see common.ts `exactlyOnce`).

const TAGS = ['teahouse']
const idParam = { params: z.object({ id: Id }) }
const MANAGE = { roles: MANAGERS, devices: true } as const
/** People who work the counter, at the tablet (unlocked by their PIN) or signed in. */
const COUNTER = { roles: ['counter_staff', ...MANAGERS], devices: true } as const
/** The board stream ends after this long; the client reconnects (EventSource does by itself). */
export const BOARD_STREAM_MS = 30 * 60_000
export const BOARD_HEARTBEAT_MS = 20_000

// ---- settings and menu ----

const catalogueRoute = defineRoute({
  method: 'get',
  path: '/teahouse/catalogue',
  tags: TAGS,
  summary: 'What a tablet caches to sell offline: the cup price, the daily limit and the active menu',
  access: COUNTER,
  responses: { 200: json(KioskCatalogue, 'The catalogue'), ...errors(401, 403) },
})

const menuRoute = defineRoute({
  method: 'get',
  path: '/teahouse/menu-items',
  tags: TAGS,
  summary: 'The whole menu, inactive items too (leaders and admins)',
  access: MANAGE,
  responses: { 200: json(page(MenuItem), 'The menu'), ...errors(401, 403) },
})

const addMenuRoute = defineRoute({
  method: 'post',
  path: '/teahouse/menu-items',
  tags: TAGS,
  summary: 'Add a tea to the menu (price in fen)',
  access: MANAGE,
  request: { body: jsonBody(MenuItemInput) },
  responses: { 201: json(MenuItem, 'Added'), ...errors(400, 401, 403) },
})

const patchMenuRoute = defineRoute({
  method: 'patch',
  path: '/teahouse/menu-items/{id}',
  tags: TAGS,
  summary: 'Change a menu item (name, price, active, order); sales already made keep the price they charged',
  access: MANAGE,
  request: { ...idParam, body: jsonBody(MenuItemPatch) },
  responses: { 200: json(MenuItem, 'Changed'), ...errors(400, 401, 403, 404) },
})

const settingsRoute = defineRoute({
  method: 'put',
  path: '/teahouse/settings',
  tags: TAGS,
  summary: 'Set the charity-cup price and the per-card daily limit',
  access: MANAGE,
  request: { body: jsonBody(TeahouseSettingsInput) },
  responses: { 200: json(TeahouseSettings, 'Saved'), ...errors(400, 401, 403) },
})

// ---- the device and its shifts ----

const deviceRoute = defineRoute({
  method: 'get',
  path: '/teahouse/device',
  tags: TAGS,
  summary: 'The tablet itself: its receipt prefix (given the first time), the last sequence numbers held, its open shift',
  access: { device: true },
  responses: { 200: json(KioskDeviceState, 'The device'), ...errors(401, 403) },
})

const openShiftRoute = defineRoute({
  method: 'post',
  path: '/teahouse/shifts',
  tags: TAGS,
  summary: 'Open a shift on the tablet with a cash float (unlocked by staff); one open shift per device',
  access: { device: true },
  request: { body: jsonBody(OpenShiftRequest) },
  responses: { 201: json(Shift, 'Opened (or the stored one, for a resend)'), ...errors(400, 401, 403, 409) },
})

const closeShiftRoute = defineRoute({
  method: 'post',
  path: '/teahouse/shifts/{id}/close',
  tags: TAGS,
  summary: 'Close a shift with the blind cash count; refused while sales of this device are unsent; returns the report with the variance',
  access: COUNTER,
  request: { ...idParam, body: jsonBody(CloseShiftRequest) },
  responses: { 200: json(ShiftReport, 'Closed'), ...errors(400, 401, 403, 404, 409) },
})

const reportRoute = defineRoute({
  method: 'get',
  path: '/teahouse/shifts/{id}/report',
  tags: TAGS,
  summary: 'A shift report by payment method; expected, counted and variance are null while the shift is open (a tablet reads its own)',
  access: COUNTER,
  request: idParam,
  responses: { 200: json(ShiftReport, 'The report'), ...errors(400, 401, 403, 404) },
})

const shiftsRoute = defineRoute({
  method: 'get',
  path: '/teahouse/shifts',
  tags: TAGS,
  summary: 'Recent shifts with their reports and variances, newest first (leaders and admins)',
  access: { roles: MANAGERS },
  request: { query: ListQuery },
  responses: { 200: json(page(ShiftReport), 'Shifts'), ...errors(400, 401, 403) },
})

// ---- sales ----

const saleRoute = defineRoute({
  method: 'post',
  path: '/teahouse/sales',
  tags: TAGS,
  summary: 'Store a sale the tablet made (exactly once: a resend answers the stored sale)',
  access: { device: true },
  request: { body: jsonBody(SaleRequest) },
  responses: { 201: json(Sale, 'Stored (or the stored one, for a resend)'), ...errors(400, 401, 403, 409, 422) },
})

const reverseRoute = defineRoute({
  method: 'post',
  path: '/teahouse/sales/{id}/reverse',
  tags: TAGS,
  summary: 'Reverse a mistaken sale (its waiting cups leave the pool); refused once one of its cups was served',
  access: MANAGE,
  request: { ...idParam, body: jsonBody(z.object({ reason: z.string().trim().min(1).max(500) })) },
  responses: { 200: json(Sale, 'Reversed'), ...errors(400, 401, 403, 404, 409) },
})

const salesRoute = defineRoute({
  method: 'get',
  path: '/teahouse/sales',
  tags: TAGS,
  summary: 'Sales newest first (a tablet sees its own); filter by shift',
  access: COUNTER,
  request: { query: SaleListQuery },
  responses: { 200: json(page(Sale), 'Sales'), ...errors(400, 401, 403) },
})

const receiptRoute = defineRoute({
  method: 'get',
  path: '/public/receipts/{code}',
  tags: TAGS,
  summary: 'The public page of a receipt: its cups and whether each was served (the kind of person only)',
  access: { public: true },
  request: { params: z.object({ code: ReceiptCode }) },
  responses: { 200: json(PublicReceipt, 'The receipt'), ...errors(400, 404) },
})

// ---- serving ----

const cardCheckRoute = defineRoute({
  method: 'get',
  path: '/teahouse/cards/check',
  tags: TAGS,
  summary: 'A scanned card before serving: kinds, masked name, cups served today against the limit, cups waiting',
  access: COUNTER,
  request: { query: CardCheckQuery },
  responses: { 200: json(CardCheck, 'The card'), ...errors(400, 401, 403, 404) },
})

const servingRoute = defineRoute({
  method: 'post',
  path: '/teahouse/servings',
  tags: TAGS,
  summary: 'Serve the oldest waiting cup to a card holder; an offline claim is always kept, with flags',
  access: { device: true },
  request: { body: jsonBody(ServingRequest) },
  responses: { 201: json(Serving, 'Served (or the stored one, for a resend)'), ...errors(400, 401, 403, 404, 409, 422) },
})

// ---- intake ----

const intakeRoute = defineRoute({
  method: 'post',
  path: '/teahouse/intakes',
  tags: TAGS,
  summary: 'Goods handed in at the counter: recorded as a granary donation (exactly once)',
  access: { device: true },
  request: { body: jsonBody(IntakeRequest) },
  responses: { 201: json(Intake, 'Recorded (or the stored one, for a resend)'), ...errors(400, 401, 403, 409, 422) },
})

// ---- the public board ----

const boardRoute = defineRoute({
  method: 'get',
  path: '/public/board',
  tags: TAGS,
  summary: 'The public board of a team: cups bought, served and waiting, people served, granary and fund totals',
  access: { public: true },
  request: { query: BoardQuery },
  responses: { 200: json(Board, 'The board'), ...errors(400, 404) },
})

const boardStreamRoute = defineRoute({
  method: 'get',
  path: '/public/board/stream',
  tags: TAGS,
  summary: 'The board as Server-Sent Events (`board` events): once on connect and after each change; ends after 30 minutes',
  access: { public: true },
  request: { query: BoardQuery },
  responses: { 200: { description: 'text/event-stream of Board', content: { 'text/event-stream': { schema: z.string() } } }, ...errors(400, 404) },
})

function replayed(c: Context<Env>, r: { replayed: boolean }) {
  if (r.replayed) c.header('Idempotent-Replayed', 'true')
}

export const teahouseApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(catalogueRoute, async (c) => c.json(await kioskCatalogue(c.get('deps').db, teamOf(c)), 200))
  .openapi(menuRoute, async (c) => c.json({ items: await listMenu(c.get('deps').db, teamOf(c), { activeOnly: false }), nextCursor: null }, 200))
  .openapi(addMenuRoute, async (c) => {
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => ({ status: 201, body: await createMenuItem(w, body) }))
    return c.json(r.body, 201)
  })
  .openapi(patchMenuRoute, async (c) => {
    const { id } = c.req.valid('param')
    // MenuItemPatch has no defaults: only the fields the body names change.
    const patch = c.req.valid('json')
    const r = await write(c, { id, ...patch }, async (w) => ({ status: 200, body: await updateMenuItem(w, id, patch) }))
    return c.json(r.body, 200)
  })
  .openapi(settingsRoute, async (c) => {
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => ({ status: 200, body: await saveTeahouseSettings(w, body) }))
    return c.json(r.body, 200)
  })
  .openapi(deviceRoute, async (c) => {
    const { deviceId, teamId } = deviceOf(c)
    const db = c.get('deps').db
    const known = await deviceState(db, teamId, deviceId)
    if (known) return c.json(known, 200)
    const r = await write(c, null, async (w) => ({ status: 200, body: await registerDevice(w, deviceId) }))
    return c.json(r.body, 200)
  })
  .openapi(openShiftRoute, async (c) => {
    const { deviceId, teamId, staffUserId } = unlockedDeviceOf(c)
    const body = c.req.valid('json')
    const db = c.get('deps').db
    const r = await exactlyOnce({
      kind: 'shift',
      stored: () => storedShift(db, teamId, deviceId, body.id),
      seqUsed: () => shiftSeqUsed(db, deviceId, body.deviceSeq),
      run: () => write(c, body, async (w) => ({ status: 201, body: await openShift(w, deviceId, staffUserId, body) })),
    })
    replayed(c, r)
    return c.json(r.body, 201)
  })
  .openapi(closeShiftRoute, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const p = c.get('principal')!
    let closedBy: string
    let byDevice: string | null = null
    if (p.kind === 'device') {
      const d = unlockedDeviceOf(c)
      closedBy = d.staffUserId
      byDevice = d.deviceId
    } else {
      closedBy = p.userId
    }
    const r = await write(c, { id, ...body }, async (w) => ({ status: 200, body: await closeShift(w, id, closedBy, body, byDevice) }))
    return c.json(r.body, 200)
  })
  .openapi(reportRoute, async (c) => {
    const { id } = c.req.valid('param')
    const who = callerDevice(c)
    const db = c.get('deps').db
    const report = await shiftReport(db, who.teamId, id)
    if (!report || (who.deviceId && report.shift.deviceId !== who.deviceId)) throw notFound('Shift')
    return c.json(report, 200)
  })
  .openapi(shiftsRoute, async (c) => c.json(await listShifts(c.get('deps').db, teamOf(c), c.req.valid('query')), 200))
  .openapi(saleRoute, async (c) => {
    const { deviceId, teamId, staffUserId } = deviceOf(c)
    const body = c.req.valid('json')
    const db = c.get('deps').db
    const r = await exactlyOnce({
      kind: 'sale',
      stored: () => storedSale(db, teamId, deviceId, body.id),
      seqUsed: () => saleSeqUsed(db, deviceId, body.deviceSeq),
      run: () => write(c, body, async (w) => ({ status: 201, body: await recordSale(w, deviceId, staffUserId, body) })),
    })
    replayed(c, r)
    return c.json(r.body, 201)
  })
  .openapi(reverseRoute, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 200, body: await reverseSale(w, id, body.reason) }))
    return c.json(r.body, 200)
  })
  .openapi(salesRoute, async (c) => {
    const who = callerDevice(c)
    const q = c.req.valid('query')
    if (who.deviceId && q.shiftId) {
      const s = await loadShift(c.get('deps').db, who.teamId, q.shiftId)
      if (!s || s.deviceId !== who.deviceId) throw notFound('Shift')
    }
    return c.json(await listSales(c.get('deps').db, who.teamId, { ...q, deviceId: who.deviceId }), 200)
  })
  .openapi(receiptRoute, async (c) => c.json(await publicReceipt(c.get('deps').db, c.req.valid('param').code), 200))
  .openapi(cardCheckRoute, async (c) => {
    const deps = c.get('deps')
    const { code } = c.req.valid('query')
    return c.json(await limitedCardLookup(deps, whoOf(c), deps.clientAddress(c), () => checkCard(deps.db, teamOf(c), code, deps.clock.now().toISOString())), 200)
  })
  .openapi(servingRoute, async (c) => {
    const { deviceId, teamId, staffUserId } = deviceOf(c)
    const body = c.req.valid('json')
    const db = c.get('deps').db
    const r = await exactlyOnce({
      kind: 'serving',
      stored: () => storedServing(db, teamId, deviceId, body.id),
      seqUsed: () => servingSeqUsed(db, deviceId, body.deviceSeq),
      run: () => write(c, body, async (w) => ({ status: 201, body: await recordServing(w, deviceId, staffUserId, body) })),
    })
    replayed(c, r)
    return c.json(r.body, 201)
  })
  .openapi(intakeRoute, async (c) => {
    const { deviceId, teamId, staffUserId } = deviceOf(c)
    const body = c.req.valid('json')
    const deps = c.get('deps')
    const r = await exactlyOnce({
      kind: 'intake',
      stored: () => storedIntake(deps.db, teamId, deviceId, body.id),
      seqUsed: () => intakeSeqUsed(deps.db, deviceId, body.deviceSeq),
      run: () => write(c, body, async (w) => ({ status: 201, body: await recordIntake(w, deps.cipher, deviceId, staffUserId, body) })),
    })
    replayed(c, r)
    return c.json(r.body, 201)
  })
  .openapi(boardRoute, async (c) => {
    const deps = c.get('deps')
    const team = await teamByCode(deps.db, c.req.valid('query').team)
    return c.json(await boardOf(deps.db, team, deps.clock.now().toISOString()), 200)
  })
  .openapi(boardStreamRoute, async (c) => {
    const deps = c.get('deps')
    const team = await teamByCode(deps.db, c.req.valid('query').team)
    return streamSSE(c, async (stream) => {
      let id = 0
      let pending: Promise<void> = Promise.resolve()
      let closed = false
      const send = () => {
        // One board at a time, in order; a change during a send is picked up by the next.
        pending = pending.then(async () => {
          if (closed) return
          const board = await boardOf(deps.db, team, deps.clock.now().toISOString())
          await stream.writeSSE({ event: 'board', id: String(++id), data: JSON.stringify(board) })
        })
        return pending
      }
      let timer: ReturnType<typeof setTimeout> | null = null
      const unsubscribe = deps.bus.subscribe(`ledger:${team.id}`, (m) => {
        const kind = (m as { kind?: unknown }).kind
        if (typeof kind !== 'string' || !BOARD_EVENT.test(kind) || timer) return
        timer = setTimeout(() => {
          timer = null
          void send().catch(() => undefined)
        }, 100)
      })
      const heartbeat = setInterval(() => void stream.writeSSE({ event: 'ping', data: '' }).catch(() => undefined), BOARD_HEARTBEAT_MS)
      let end: () => void = () => undefined
      const ended = new Promise<void>((resolve) => {
        end = resolve
      })
      const limit = setTimeout(end, BOARD_STREAM_MS)
      stream.onAbort(end)
      try {
        await send()
        await ended
      } finally {
        closed = true
        unsubscribe()
        clearInterval(heartbeat)
        clearTimeout(limit)
        if (timer) clearTimeout(timer)
      }
    })
  })

