import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  AdjustmentInput,
  Distribution,
  DistributionInput,
  DistributionListQuery,
  Donation,
  DonationInput,
  DonationListQuery,
  DonationReceipt,
  DonationSummary,
  Donor,
  DonorInput,
  DonorListQuery,
  DonorReceiptQuery,
  DonorYearReceipt,
  Id,
  ItemKey,
  ItemListQuery,
  ItemStock,
  Movement,
  MovementListQuery,
  page,
  Place,
  PlaceInput,
  ReversalInput,
  StockCard,
  StockCardQuery,
  Stocktake,
  StocktakeClose,
  StocktakeCounts,
  StocktakeListQuery,
  StocktakeOpen,
} from '@chayi/domain'
import type { Env } from '../context.js'
import { notFound, unauthenticated, validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { write } from '../write.js'
import { donationReceipt, donorYearReceipt, listDonations, loadDonation, recordDonation } from './donations.js'
import { createDonor, createPlace, getDonorRow, listDonors, listPlaces, toDonor } from './donors.js'
import { distribute, getDistribution, listDistributions } from './distributions.js'
import { listItems, stockCard } from './items.js'
import { adjustStock, listMovements, loadMovements, reverseMovement } from './stock.js'
import { closeStocktake, getStocktake, listStocktakes, openStocktake, submitCounts } from './stocktakes.js'

// The `granary` context's routes (茶义仓, issue 5). Care staff and admins keep the granary; leaders
// read it. Every write goes through `write` (one transaction with its audit events).

const KEEPERS = ['care_staff', 'admin'] as const
const WRITE = { roles: KEEPERS }
const READ = { roles: [...KEEPERS, 'leader'] as const }
const idParam = { params: z.object({ id: Id }) }
const TAGS = ['granary']

function teamOf(c: Context<Env>) {
  const p = c.get('principal')
  if (!p) throw unauthenticated()
  return p.teamId
}
const isKeeper = (c: Context<Env>) => (c.get('principal')?.roles ?? []).some((r) => (KEEPERS as readonly string[]).includes(r))

// ---- donors and places ----

const donors = defineRoute({
  method: 'get',
  path: '/granary/donors',
  tags: TAGS,
  summary: 'Donors of the granary, newest first; phones masked',
  access: READ,
  request: { query: DonorListQuery },
  responses: { 200: json(page(Donor), 'Donors'), ...errors(400, 401, 403) },
})

const addDonor = defineRoute({
  method: 'post',
  path: '/granary/donors',
  tags: TAGS,
  summary: 'Add a donor: a person (name, phone — sealed), an enterprise (name, contact) or an anonymous donor',
  access: WRITE,
  request: { body: jsonBody(DonorInput) },
  responses: { 201: json(Donor, 'Added'), ...errors(400, 401, 403, 409) },
})

const oneDonor = defineRoute({
  method: 'get',
  path: '/granary/donors/{id}',
  tags: TAGS,
  summary: 'One donor: the whole phone for care staff and admins, masked for leaders',
  access: READ,
  request: idParam,
  responses: { 200: json(Donor, 'The donor'), ...errors(400, 401, 403, 404) },
})

const donorReceipts = defineRoute({
  method: 'get',
  path: '/granary/donors/{id}/receipts',
  tags: TAGS,
  summary: "A donor's receipts for a year (China time): every donation not reversed, with the total value",
  access: READ,
  request: { ...idParam, query: DonorReceiptQuery },
  responses: { 200: json(DonorYearReceipt, 'The year'), ...errors(400, 401, 403, 404) },
})

const places = defineRoute({
  method: 'get',
  path: '/granary/places',
  tags: TAGS,
  summary: 'Storage places of the granary, oldest first (one page)',
  access: READ,
  responses: { 200: json(page(Place), 'Places'), ...errors(401, 403) },
})

const addPlace = defineRoute({
  method: 'post',
  path: '/granary/places',
  tags: TAGS,
  summary: 'Add a storage place (names are unique in the team)',
  access: WRITE,
  request: { body: jsonBody(PlaceInput) },
  responses: { 201: json(Place, 'Added'), ...errors(400, 401, 403, 409) },
})

// ---- donations ----

const donate = defineRoute({
  method: 'post',
  path: '/granary/donations',
  tags: TAGS,
  summary: 'Take in a donation: each item becomes a lot with its value per unit frozen; returns the receipt code and the lots',
  access: WRITE,
  request: { body: jsonBody(DonationInput) },
  responses: { 201: json(Donation, 'Recorded'), ...errors(400, 401, 403, 409, 422) },
})

const donations = defineRoute({
  method: 'get',
  path: '/granary/donations',
  tags: TAGS,
  summary: 'Donations, newest recorded first',
  access: READ,
  request: { query: DonationListQuery },
  responses: { 200: json(page(DonationSummary), 'Donations'), ...errors(400, 401, 403) },
})

const oneDonation = defineRoute({
  method: 'get',
  path: '/granary/donations/{id}',
  tags: TAGS,
  summary: 'One donation with its lots (photos included) and what each lot holds now',
  access: READ,
  request: idParam,
  responses: { 200: json(Donation, 'The donation'), ...errors(400, 401, 403, 404) },
})

const receipt = defineRoute({
  method: 'get',
  path: '/granary/donations/{id}/receipt',
  tags: TAGS,
  summary: '捐赠凭证: receipt code and number, donor, items with frozen values, total, date and team',
  access: READ,
  request: idParam,
  responses: { 200: json(DonationReceipt, 'The receipt'), ...errors(400, 401, 403, 404) },
})

// ---- distributions ----

const hand = defineRoute({
  method: 'post',
  path: '/granary/distributions',
  tags: TAGS,
  summary: 'Hand goods out, FIFO across lots (expired lots skipped); more than in stock is a 422 `insufficient_stock` and nothing is written',
  access: WRITE,
  request: { body: jsonBody(DistributionInput) },
  responses: { 201: json(Distribution, 'Handed out'), ...errors(400, 401, 403, 409, 422) },
})

const distributions = defineRoute({
  method: 'get',
  path: '/granary/distributions',
  tags: TAGS,
  summary: 'Distributions, newest first, each line traced to its lots and donations',
  access: READ,
  request: { query: DistributionListQuery },
  responses: { 200: json(page(Distribution), 'Distributions'), ...errors(400, 401, 403) },
})

const oneDistribution = defineRoute({
  method: 'get',
  path: '/granary/distributions/{id}',
  tags: TAGS,
  summary: 'One distribution, each line traced to its lots and donations',
  access: READ,
  request: idParam,
  responses: { 200: json(Distribution, 'The distribution'), ...errors(400, 401, 403, 404) },
})

// ---- the movements ledger ----

const movements = defineRoute({
  method: 'get',
  path: '/granary/movements',
  tags: TAGS,
  summary: 'The stock ledger (in, out, adjustment, reversal), newest first',
  access: READ,
  request: { query: MovementListQuery },
  responses: { 200: json(page(Movement), 'Movements'), ...errors(400, 401, 403) },
})

const oneMovement = defineRoute({
  method: 'get',
  path: '/granary/movements/{id}',
  tags: TAGS,
  summary: 'One movement with its lines per lot',
  access: READ,
  request: idParam,
  responses: { 200: json(Movement, 'The movement'), ...errors(400, 401, 403, 404) },
})

const reverse = defineRoute({
  method: 'post',
  path: '/granary/movements/{id}/reversal',
  tags: TAGS,
  summary: 'Reverse a movement whole, with a reason (same lots, quantities negated); a lot that would go below zero is a 422',
  access: WRITE,
  request: { ...idParam, body: jsonBody(ReversalInput) },
  responses: { 201: json(Movement, 'The reversal'), ...errors(400, 401, 403, 404, 409, 422) },
})

const adjust = defineRoute({
  method: 'post',
  path: '/granary/adjustments',
  tags: TAGS,
  summary: 'A reason-coded stock adjustment (盘盈, 盘亏, 损坏, 过期, 其他): removals FIFO, additions to the newest lot',
  access: WRITE,
  request: { body: jsonBody(AdjustmentInput) },
  responses: { 201: json(Movement, 'Adjusted'), ...errors(400, 401, 403, 422) },
})

// ---- stock ----

const items = defineRoute({
  method: 'get',
  path: '/granary/items',
  tags: TAGS,
  summary: 'Items (category + description + unit) with units on hand and their value',
  access: READ,
  request: { query: ItemListQuery },
  responses: { 200: json(page(ItemStock), 'Items'), ...errors(400, 401, 403) },
})

const card = defineRoute({
  method: 'get',
  path: '/granary/items/{itemKey}/card',
  tags: TAGS,
  summary: '库存卡: every movement of one item in ledger order with the balance after each',
  access: READ,
  request: { params: z.object({ itemKey: ItemKey }), query: StockCardQuery },
  responses: { 200: json(StockCard, 'The stock card'), ...errors(400, 401, 403, 404) },
})

// ---- blind stocktake ----

const openTake = defineRoute({
  method: 'post',
  path: '/granary/stocktakes',
  tags: TAGS,
  summary: 'Open a blind stocktake of one place or all: a count sheet of the items in stock, without figures',
  access: WRITE,
  request: { body: jsonBody(StocktakeOpen) },
  responses: { 201: json(Stocktake, 'Opened'), ...errors(400, 401, 403, 409, 422) },
})

const takes = defineRoute({
  method: 'get',
  path: '/granary/stocktakes',
  tags: TAGS,
  summary: 'Stocktakes, newest first',
  access: READ,
  request: { query: StocktakeListQuery },
  responses: { 200: json(page(Stocktake), 'Stocktakes'), ...errors(400, 401, 403) },
})

const oneTake = defineRoute({
  method: 'get',
  path: '/granary/stocktakes/{id}',
  tags: TAGS,
  summary: 'A stocktake: expected figures and variances only once the counts are in',
  access: READ,
  request: idParam,
  responses: { 200: json(Stocktake, 'The stocktake'), ...errors(400, 401, 403, 404) },
})

const count = defineRoute({
  method: 'post',
  path: '/granary/stocktakes/{id}/counts',
  tags: TAGS,
  summary: 'Submit the counts, once, for every item on the sheet; the book figures are then shown',
  access: WRITE,
  request: { ...idParam, body: jsonBody(StocktakeCounts) },
  responses: { 200: json(Stocktake, 'Counted'), ...errors(400, 401, 403, 404, 409, 422) },
})

const close = defineRoute({
  method: 'post',
  path: '/granary/stocktakes/{id}/close',
  tags: TAGS,
  summary: 'Close: one reason-coded adjustment per non-zero variance (default 盘盈 / 盘亏)',
  access: WRITE,
  request: { ...idParam, body: jsonBody(StocktakeClose) },
  responses: { 200: json(Stocktake, 'Closed'), ...errors(400, 401, 403, 404, 409, 422) },
})

export const granaryApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(donors, async (c) => {
    const deps = c.get('deps')
    return c.json(await listDonors(deps.db, deps.cipher, teamOf(c), c.req.valid('query')), 200)
  })
  .openapi(addDonor, async (c) => {
    const body = c.req.valid('json')
    const cipher = c.get('deps').cipher
    const r = await write(c, body, async (w) => ({ status: 201, body: toDonor(await createDonor(w, cipher, body), cipher, 'whole') }))
    return c.json(r.body, 201)
  })
  .openapi(oneDonor, async (c) => {
    const deps = c.get('deps')
    const row = await getDonorRow(deps.db, teamOf(c), c.req.valid('param').id)
    return c.json(toDonor(row, deps.cipher, isKeeper(c) ? 'whole' : 'masked'), 200)
  })
  .openapi(donorReceipts, async (c) => c.json(await donorYearReceipt(c.get('deps').db, teamOf(c), c.req.valid('param').id, c.req.valid('query').year), 200))
  .openapi(places, async (c) => c.json({ items: await listPlaces(c.get('deps').db, teamOf(c)), nextCursor: null }, 200))
  .openapi(addPlace, async (c) => {
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => ({ status: 201, body: await createPlace(w, body) }))
    return c.json(r.body, 201)
  })
  .openapi(donate, async (c) => {
    const body = c.req.valid('json')
    const cipher = c.get('deps').cipher
    const r = await write(c, body, async (w) => ({ status: 201, body: await recordDonation(w, cipher, body) }))
    return c.json(r.body, 201)
  })
  .openapi(donations, async (c) => c.json(await listDonations(c.get('deps').db, teamOf(c), c.req.valid('query')), 200))
  .openapi(oneDonation, async (c) => {
    const d = await loadDonation(c.get('deps').db, teamOf(c), c.req.valid('param').id)
    if (!d) throw notFound('Donation')
    return c.json(d, 200)
  })
  .openapi(receipt, async (c) => c.json(await donationReceipt(c.get('deps').db, teamOf(c), c.req.valid('param').id), 200))
  .openapi(hand, async (c) => {
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => ({ status: 201, body: await distribute(w, body) }))
    return c.json(r.body, 201)
  })
  .openapi(distributions, async (c) => c.json(await listDistributions(c.get('deps').db, teamOf(c), c.req.valid('query')), 200))
  .openapi(oneDistribution, async (c) => c.json(await getDistribution(c.get('deps').db, teamOf(c), c.req.valid('param').id), 200))
  .openapi(movements, async (c) => c.json(await listMovements(c.get('deps').db, teamOf(c), c.req.valid('query')), 200))
  .openapi(oneMovement, async (c) => {
    const m = (await loadMovements(c.get('deps').db, teamOf(c), [c.req.valid('param').id]))[0]
    if (!m) throw notFound('Movement')
    return c.json(m, 200)
  })
  .openapi(reverse, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 201, body: await reverseMovement(w, id, body.reason) }))
    return c.json(r.body, 201)
  })
  .openapi(adjust, async (c) => {
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => ({ status: 201, body: await adjustStock(w, body) }))
    return c.json(r.body, 201)
  })
  .openapi(items, async (c) => {
    const deps = c.get('deps')
    return c.json(await listItems(deps.db, teamOf(c), deps.clock.now().toISOString(), c.req.valid('query')), 200)
  })
  .openapi(card, async (c) => {
    const deps = c.get('deps')
    return c.json(await stockCard(deps.db, teamOf(c), c.req.valid('param').itemKey, deps.clock.now().toISOString(), c.req.valid('query')), 200)
  })
  .openapi(openTake, async (c) => {
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => ({ status: 201, body: await openStocktake(w, body) }))
    return c.json(r.body, 201)
  })
  .openapi(takes, async (c) => c.json(await listStocktakes(c.get('deps').db, teamOf(c), c.req.valid('query')), 200))
  .openapi(oneTake, async (c) => c.json(await getStocktake(c.get('deps').db, teamOf(c), c.req.valid('param').id), 200))
  .openapi(count, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 200, body: await submitCounts(w, id, body) }))
    return c.json(r.body, 200)
  })
  .openapi(close, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 200, body: await closeStocktake(w, id, body) }))
    return c.json(r.body, 200)
  })
