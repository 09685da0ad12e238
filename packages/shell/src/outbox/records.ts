/**
 * The outbox's stored records, versioned (architecture §4.2): every shape a device may still hold
 * on disk stays described here with an `up()` to the next one, so an app update never strands
 * writes queued by the previous build.
 */

export type OutboxMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Why the last attempt did not go through; `status` 0 means the network failed. */
export interface OutboxError {
  status: number
  code: string
  message: string
  at: string
  /** The refusal's JSON body, kept so an app can show what it carries (e.g. a 409's current values). */
  body?: unknown
}

/** v1 (the first kiosk build): no order counter and no attempt count, errors as plain text. */
export interface OutboxRecordV1 {
  v: 1
  id: string
  method: OutboxMethod
  path: string
  body: unknown
  createdAt: string
  status: 'pending' | 'failed'
  error?: string | null
}

/**
 * v2: `seq` is a per-device monotonic counter that fixes the send order (clock changes cannot
 * reorder it); `id` is a client UUID sent as the Idempotency-Key, so a resend is harmless.
 */
export interface OutboxRecordV2 {
  v: 2
  id: string
  seq: number
  method: OutboxMethod
  path: string
  body: unknown
  createdAt: string
  attempts: number
  lastError: OutboxError | null
  status: 'pending' | 'failed'
}

export type OutboxRecord = OutboxRecordV2
export type AnyOutboxRecord = OutboxRecordV1 | OutboxRecordV2
export const OUTBOX_RECORD_VERSION = 2

/** v1 → v2. A v1 record has no place in the order, so the migration hands it one (by createdAt). */
export function upV1(r: OutboxRecordV1, seq: number): OutboxRecordV2 {
  return {
    v: 2,
    id: r.id,
    seq,
    method: r.method,
    path: r.path,
    body: r.body,
    createdAt: r.createdAt,
    attempts: 0,
    lastError: r.error ? { status: 0, code: 'unknown', message: r.error, at: r.createdAt } : null,
    status: r.status,
  }
}

/** Brings any stored record to the current version; `nextSeq` is asked only when one is needed. */
export function upgradeRecord(r: AnyOutboxRecord, nextSeq: () => number): OutboxRecord {
  switch (r.v) {
    case 1:
      return upV1(r, nextSeq())
    case 2:
      return r
    default:
      throw new Error(`outbox record ${(r as { id?: string }).id} has unknown version ${(r as { v?: unknown }).v}`)
  }
}
