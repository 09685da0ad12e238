import { canonicalJson, ImportRow, type ImportRequest, type ImportRowResult } from '@chayi/domain'
import type { ZodError } from 'zod'
import type { Deps } from '../../context.js'
import { sha256Hex } from '../../crypto.js'
import { ApiError, conflict, zodIssues } from '../../errors.js'
import { transact } from '../../write.js'
import { decideVolunteer, registerVolunteer } from '../service.js'

/**
 * The password hash of an imported person's account. It is no scrypt string, so no password ever
 * matches it (`verifyPassword` refuses it at once): the person cannot sign in until staff reset
 * their password (or they register themselves later with another phone). One fixed value, so a
 * 1,000-row roster costs no 1,000 scrypts, and no shared password is ever handed out.
 */
export const IMPORTED_PASSWORD_HASH = 'locked$imported-roster$no-password-matches'

/** The note on an import that also approves, kept in the volunteer row (not in the chain). */
const APPROVAL_NOTE = '名册导入'

export interface ImportWho {
  teamId: string
  actor: string
}

const invalidRow = (rowNumber: number, error: ZodError): ImportRowResult => ({
  rowNumber,
  ok: false,
  code: 'invalid_request',
  message: 'The row is not valid.',
  issues: zodIssues(error),
})

/**
 * Imports roster rows one by one, each in its own transaction: a bad row is reported and rolled
 * back whole (no account without a volunteer, no volunteer without its number), and never stops
 * the rows after it. Rows run in order, so a second row with an ID number or phone already in the
 * file is refused like one already in the team (`already_registered`, `login_taken`).
 */
export async function importRows(deps: Deps, who: ImportWho, rows: ImportRequest['rows'], approve: boolean): Promise<ImportRowResult[]> {
  const results: ImportRowResult[] = []
  for (const raw of rows) {
    const rowNumber = raw.rowNumber
    const parsed = ImportRow.safeParse(raw)
    if (!parsed.success) {
      results.push(invalidRow(rowNumber, parsed.error))
      continue
    }
    const { rowNumber: _n, ...fields } = parsed.data
    try {
      const r = await transact(deps, who, async (w) => {
        const row = await registerVolunteer(w, deps.cipher, { ...fields, password: '' }, deps.clock.now(), { passwordHash: IMPORTED_PASSWORD_HASH })
        const done = approve ? await decideVolunteer(w, row.id, { approve: true, note: APPROVAL_NOTE }) : row
        return { status: 201, body: { volunteerId: done.id, volunteerNumber: done.volunteerNumber } }
      })
      results.push({ rowNumber, ok: true, ...r.body })
    } catch (err) {
      if (err instanceof ApiError) {
        results.push({ rowNumber, ok: false, code: err.code, message: err.message, issues: err.issues ?? [] })
      } else {
        // Logged without the row (it is personal data); the row is reported and the rest go on.
        deps.logger.error({ err, rowNumber }, 'roster import: a row failed')
        results.push({ rowNumber, ok: false, code: 'internal_error', message: 'Something went wrong on the server with this row; it has been logged.', issues: [] })
      }
    }
  }
  return results
}

/**
 * An import batch with an Idempotency-Key: a retry of the same batch (say after the network
 * dropped mid-request) gets the first answer back instead of 200 rows of `already_registered`.
 * The rows commit one by one, so the answer is stored after them, in a transaction of its own.
 */
export async function importBatch(deps: Deps, who: ImportWho, body: ImportRequest, idem?: { key: string; method: string; path: string }) {
  if (!idem) return { replayed: false, results: await importRows(deps, who, body.rows, body.approve) }
  const requestHash = sha256Hex(`${idem.method} ${idem.path}\n${canonicalJson(body)}`)
  const prior = await deps.db.selectFrom('idempotencyKeys').select(['requestHash', 'responseBody']).where('teamId', '=', who.teamId).where('key', '=', idem.key).executeTakeFirst()
  if (prior) {
    if (prior.requestHash !== requestHash) throw conflict('idempotency_key_reused', 'This Idempotency-Key was already used for a different request.')
    return { replayed: true, results: (JSON.parse(prior.responseBody) as { results: ImportRowResult[] }).results }
  }
  const results = await importRows(deps, who, body.rows, body.approve)
  const stored = await transact(deps, who, async () => ({ status: 200, body: { results } }), { ...idem, requestHash })
  return { replayed: stored.replayed, results: stored.body.results }
}
