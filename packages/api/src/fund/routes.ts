import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  ExpenseDecisionInput,
  ExpenseRequestInput,
  FundBalance,
  FundEntry,
  FundEntryListQuery,
  FundExpense,
  FundExpenseListQuery,
  FundIncome,
  FundIncomeInput,
  FundIncomeListQuery,
  FundMonth,
  FundReversalInput,
  FundStatement,
  Id,
  page,
} from '@chayi/domain'
import type { Env } from '../context.js'
import { notFound, unauthenticated, validationHook } from '../errors.js'
import { errors, json, jsonBody } from '../openapi.js'
import { defineRoute } from '../route.js'
import { write } from '../write.js'
import { decideExpense, getExpense, listExpenses, requestExpense } from './expenses.js'
import { getIncome, listIncome, recordIncome } from './income.js'
import { fundBalance, listEntries, loadEntry, reverseEntry } from './ledger.js'
import { monthlyStatement } from './statements.js'

// The `fund` context's routes (公益基金, issue 5). Care staff and admins record income, request
// expenses and reverse mistakes; a second person — an admin or a leader, never the requester —
// decides each expense; leaders read everything. Every write goes through `write`.

const RECORDERS = ['admin', 'care_staff'] as const
const RECORD = { roles: RECORDERS }
const DECIDE = { roles: ['admin', 'leader'] as const }
const READ = { roles: [...RECORDERS, 'leader'] as const }
const idParam = { params: z.object({ id: Id }) }
const TAGS = ['fund']

function teamOf(c: Context<Env>) {
  const p = c.get('principal')
  if (!p) throw unauthenticated()
  return p.teamId
}
const isRecorder = (c: Context<Env>) => (c.get('principal')?.roles ?? []).some((r) => (RECORDERS as readonly string[]).includes(r))

const addIncome = defineRoute({
  method: 'post',
  path: '/fund/income',
  tags: TAGS,
  summary: 'Record money received: a receipt code, a gap-free receipt number and one income entry in the ledger',
  access: RECORD,
  request: { body: jsonBody(FundIncomeInput) },
  responses: { 201: json(FundIncome, 'Recorded'), ...errors(400, 401, 403, 409, 422) },
})

const income = defineRoute({
  method: 'get',
  path: '/fund/income',
  tags: TAGS,
  summary: 'Income, newest recorded first; phones masked',
  access: READ,
  request: { query: FundIncomeListQuery },
  responses: { 200: json(page(FundIncome), 'Income'), ...errors(400, 401, 403) },
})

const oneIncome = defineRoute({
  method: 'get',
  path: '/fund/income/{id}',
  tags: TAGS,
  summary: 'One income: the whole phone for recorders, masked for leaders',
  access: READ,
  request: idParam,
  responses: { 200: json(FundIncome, 'The income'), ...errors(400, 401, 403, 404) },
})

const addExpense = defineRoute({
  method: 'post',
  path: '/fund/expenses',
  tags: TAGS,
  summary: 'Request an expense (purpose, payee, amount, attachment); it waits for a second person to decide',
  access: RECORD,
  request: { body: jsonBody(ExpenseRequestInput) },
  responses: { 201: json(FundExpense, 'Requested'), ...errors(400, 401, 403, 409) },
})

const expenses = defineRoute({
  method: 'get',
  path: '/fund/expenses',
  tags: TAGS,
  summary: 'Expense requests, newest first (attachments left out)',
  access: READ,
  request: { query: FundExpenseListQuery },
  responses: { 200: json(page(FundExpense), 'Requests'), ...errors(400, 401, 403) },
})

const oneExpense = defineRoute({
  method: 'get',
  path: '/fund/expenses/{id}',
  tags: TAGS,
  summary: 'One expense request with its attachment',
  access: READ,
  request: idParam,
  responses: { 200: json(FundExpense, 'The request'), ...errors(400, 401, 403, 404) },
})

const decide = defineRoute({
  method: 'post',
  path: '/fund/expenses/{id}/decision',
  tags: TAGS,
  summary:
    'Approve or reject, by a second person (admin or leader): the requester gets a 403 `same_person`; a decided request a 409 `already_decided`; an approval the balance does not cover a 422 `insufficient_funds`, nothing written',
  access: DECIDE,
  request: { ...idParam, body: jsonBody(ExpenseDecisionInput) },
  responses: { 200: json(FundExpense, 'Decided'), ...errors(400, 401, 403, 404, 409, 422) },
})

const entries = defineRoute({
  method: 'get',
  path: '/fund/entries',
  tags: TAGS,
  summary: 'The ledger (income, expense, reversal), newest first, with the balance after each entry',
  access: READ,
  request: { query: FundEntryListQuery },
  responses: { 200: json(page(FundEntry), 'Entries'), ...errors(400, 401, 403) },
})

const oneEntry = defineRoute({
  method: 'get',
  path: '/fund/entries/{id}',
  tags: TAGS,
  summary: 'One ledger entry',
  access: READ,
  request: idParam,
  responses: { 200: json(FundEntry, 'The entry'), ...errors(400, 401, 403, 404) },
})

const reverse = defineRoute({
  method: 'post',
  path: '/fund/entries/{id}/reversal',
  tags: TAGS,
  summary: 'Reverse an income or an approved expense with an opposite entry, once; one that would leave the fund below zero is a 422',
  access: RECORD,
  request: { ...idParam, body: jsonBody(FundReversalInput) },
  responses: { 201: json(FundEntry, 'The reversal'), ...errors(400, 401, 403, 404, 409, 422) },
})

const balance = defineRoute({
  method: 'get',
  path: '/fund/balance',
  tags: TAGS,
  summary: 'The balance (income − approved expenses ± reversals: the sum of the ledger) and the requests awaiting a decision',
  access: READ,
  responses: { 200: json(FundBalance, 'The balance'), ...errors(401, 403) },
})

const statement = defineRoute({
  method: 'get',
  path: '/fund/statements/{month}',
  tags: TAGS,
  summary: '月度收支表 of a China-time month: opening, income, expense and reversal lines, closing',
  access: READ,
  request: { params: z.object({ month: FundMonth }) },
  responses: { 200: json(FundStatement, 'The statement'), ...errors(400, 401, 403) },
})

export const fundApp = new OpenAPIHono<Env>({ defaultHook: validationHook })
  .openapi(addIncome, async (c) => {
    const body = c.req.valid('json')
    const cipher = c.get('deps').cipher
    const r = await write(c, body, async (w) => ({ status: 201, body: await recordIncome(w, cipher, body) }))
    return c.json(r.body, 201)
  })
  .openapi(income, async (c) => {
    const deps = c.get('deps')
    return c.json(await listIncome(deps.db, deps.cipher, teamOf(c), c.req.valid('query')), 200)
  })
  .openapi(oneIncome, async (c) => {
    const deps = c.get('deps')
    return c.json(await getIncome(deps.db, deps.cipher, teamOf(c), c.req.valid('param').id, isRecorder(c) ? 'whole' : 'masked'), 200)
  })
  .openapi(addExpense, async (c) => {
    const body = c.req.valid('json')
    const r = await write(c, body, async (w) => ({ status: 201, body: await requestExpense(w, body) }))
    return c.json(r.body, 201)
  })
  .openapi(expenses, async (c) => c.json(await listExpenses(c.get('deps').db, teamOf(c), c.req.valid('query')), 200))
  .openapi(oneExpense, async (c) => c.json(await getExpense(c.get('deps').db, teamOf(c), c.req.valid('param').id), 200))
  .openapi(decide, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 200, body: await decideExpense(w, id, body) }))
    return c.json(r.body, 200)
  })
  .openapi(entries, async (c) => c.json(await listEntries(c.get('deps').db, teamOf(c), c.req.valid('query')), 200))
  .openapi(oneEntry, async (c) => {
    const e = await loadEntry(c.get('deps').db, teamOf(c), c.req.valid('param').id)
    if (!e) throw notFound('Entry')
    return c.json(e, 200)
  })
  .openapi(reverse, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const r = await write(c, { id, ...body }, async (w) => ({ status: 201, body: await reverseEntry(w, id, body.reason) }))
    return c.json(r.body, 201)
  })
  .openapi(balance, async (c) => {
    const deps = c.get('deps')
    return c.json(await fundBalance(deps.db, teamOf(c), deps.clock.now().toISOString()), 200)
  })
  .openapi(statement, async (c) => c.json(await monthlyStatement(c.get('deps').db, teamOf(c), c.req.valid('param').month), 200))
