import type { Context } from 'hono'
import type { Kysely } from 'kysely'
import { forUpdate, isUniqueViolation, type Database } from '@chayi/db'
import type { Env } from '../context.js'
import { nextTeamCounter } from '../counters.js'
import { ApiError, conflict, forbidden, unauthenticated } from '../errors.js'
import type { WriteResult, WriteScope } from '../write.js'

// Shared pieces of the tea house: who is calling (a paired tablet, maybe unlocked by staff, or a
// person), the tablet's receipt prefix, and the exactly-once rule for records a tablet sends.

export type Db = Kysely<Database>

/** Roles that manage the tea house (menu, prices, shift reports, reversals). */
export const MANAGERS = ['leader', 'admin'] as const

export function teamOf(c: Context<Env>): string {
  const p = c.get('principal')
  if (!p) throw unauthenticated()
  return p.teamId
}

/** The calling tablet; a person's session is refused. */
export function deviceOf(c: Context<Env>): { deviceId: string; teamId: string; staffUserId: string | null } {
  const p = c.get('principal')
  if (!p) throw unauthenticated()
  if (p.kind !== 'device') throw forbidden('Only a paired kiosk may do this.')
  return { deviceId: p.deviceId, teamId: p.teamId, staffUserId: p.staff?.userId ?? null }
}

/** The calling tablet, unlocked by a staff member's PIN. */
export function unlockedDeviceOf(c: Context<Env>): { deviceId: string; teamId: string; staffUserId: string } {
  const d = deviceOf(c)
  if (!d.staffUserId) throw new ApiError(403, 'staff_required', 'Unlock the kiosk with a staff PIN first.')
  return { ...d, staffUserId: d.staffUserId }
}

/** The calling tablet (it sees only its own records), or null for a person; the route's access has checked the roles. */
export function callerDevice(c: Context<Env>): { deviceId: string | null; teamId: string } {
  const p = c.get('principal')
  if (!p) throw unauthenticated()
  return { deviceId: p.kind === 'device' ? p.deviceId : null, teamId: p.teamId }
}

export const PREFIX_COUNTER = 'teahouse_receipt_prefix'

/**
 * The tablet's tea-house row, made the first time (its receipt prefix T1, T2… gap-free per team),
 * and locked for the rest of the transaction: a device's shifts, sales and closes queue here.
 */
export async function lockDevice(w: WriteScope, deviceId: string) {
  const find = () => forUpdate(w.trx, w.trx.selectFrom('teahouseDevices').selectAll().where('deviceId', '=', deviceId)).executeTakeFirst()
  const found = await find()
  if (found) return found
  // The counter lock queues first-time registrations of one team; whoever comes second finds the row.
  const n = await nextTeamCounter(w, PREFIX_COUNTER)
  const again = await find()
  if (again) {
    await w.trx.updateTable('teamCounters').set({ value: n - 1 }).where('teamId', '=', w.teamId).where('name', '=', PREFIX_COUNTER).execute()
    return again
  }
  const row = { deviceId, teamId: w.teamId, receiptPrefix: `T${n}`, createdAt: w.at }
  await w.trx.insertInto('teahouseDevices').values(row).execute()
  await w.record({ kind: 'teahouse.device_registered', entity: 'device', entityId: deviceId, payload: { receiptPrefix: row.receiptPrefix } })
  return (await find())!
}

/**
 * Thrown inside a write that finds, once it holds its locks, that a copy of itself committed first:
 * the write rolls back whole (numbers it took are given back) and `exactlyOnce` answers the stored one.
 */
export class AlreadyStored extends Error {
  constructor() {
    super('already stored')
  }
}

/** A record another device (or team) already stored under this client id. */
export const idTaken = () => conflict('id_taken', 'This record id is already used by another device.')
export const seqTaken = (kind: string) => conflict('device_seq_taken', `This device already sent a different ${kind} with this sequence number.`)

/**
 * Exactly once, for records a tablet sends with its own id and sequence number: the same id again
 * answers what is stored (and stores nothing); a unique violation in the write (a race with a copy
 * of itself) is answered the same way, and a used sequence number under another id is a 409.
 */
export async function exactlyOnce<B>(opts: {
  /** The stored answer for this id from this device (throws idTaken when another device holds it). */
  stored: () => Promise<B | undefined>
  /** Whether another record of this device holds the sequence number. */
  seqUsed: () => Promise<boolean>
  kind: string
  run: () => Promise<WriteResult<B>>
}): Promise<{ body: B; replayed: boolean }> {
  const prior = await opts.stored()
  if (prior !== undefined) return { body: prior, replayed: true }
  try {
    return { body: (await opts.run()).body, replayed: false }
  } catch (err) {
    if (!isUniqueViolation(err) && !(err instanceof AlreadyStored)) throw err
    const again = await opts.stored()
    if (again !== undefined) return { body: again, replayed: true }
    if (await opts.seqUsed()) throw seqTaken(opts.kind)
    throw err
  }
}

export const parseJsonArray = <T>(s: string): T[] => JSON.parse(s) as T[]
export const num = (v: unknown) => Number(v)
