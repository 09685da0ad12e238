import { z } from 'zod'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { Id, IsoDateTime } from '../common.js'

/** The hash before the first event of every team's chain. */
export const GENESIS_HASH = '0'.repeat(64)

export const LedgerEvent = z.object({
  seq: z.number().int().min(1),
  teamId: Id,
  at: IsoDateTime,
  /** `user:<id>`, `device:<id>`, `system` or `cli`. */
  actor: z.string().min(1),
  /** What happened, `context.verb` e.g. `identity.user_created`; reversals end in `_reversed`. */
  kind: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  entity: z.string().min(1),
  entityId: z.string().min(1),
  payload: z.unknown(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
})
export type LedgerEvent = z.infer<typeof LedgerEvent>

export const ChainHead = z.object({ team: z.string(), seq: z.number().int().min(0), hash: z.string() })
export type ChainHead = z.infer<typeof ChainHead>

export const ReceiptKind = z.enum(['cup', 'goods', 'money'])
export const Receipt = z.object({
  code: z.string(),
  kind: ReceiptKind,
  issuedAt: IsoDateTime,
  /** What became of it, in order; never names a person. */
  outcomes: z.array(
    z.object({
      at: IsoDateTime,
      what: z.enum(['served', 'distributed', 'spent', 'reversed']),
      beneficiaryKind: z.string().nullable(),
      detail: z.string().nullable(),
    }),
  ),
})
export type Receipt = z.infer<typeof Receipt>

/**
 * JSON with object keys sorted at every depth and no whitespace, so the same value always
 * hashes the same whichever database or language stored it (the idea of RFC 8785).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number in ledger payload')
    if (value === undefined) return 'null'
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

export type UnhashedEvent = Omit<LedgerEvent, 'hash'>

/** hash = sha256(prev_hash ‖ canonical JSON of every other field). */
export function eventHash(e: UnhashedEvent): string {
  const { prevHash, ...rest } = e
  return bytesToHex(sha256(utf8ToBytes(prevHash + canonicalJson(rest))))
}

export type ChainProblem = {
  seq: number
  problem: 'hash_mismatch' | 'prev_hash_mismatch' | 'gap' | 'head_mismatch'
  message: string
}

/**
 * Checks one team's events fed in seq order, one at a time, so a chain of millions needs no more
 * memory than one page. `finish(head)` also compares with the stored head, which catches events
 * deleted from the end.
 */
export function createChainVerifier() {
  let expectedSeq = 1
  let prev = GENESIS_HASH
  let problem: ChainProblem | null = null
  return {
    /** Returns false once a problem is found; later events are then ignored. */
    push(e: LedgerEvent): boolean {
      if (problem) return false
      if (e.seq !== expectedSeq) {
        problem = { seq: expectedSeq, problem: 'gap', message: `expected seq ${expectedSeq}, found ${e.seq}` }
      } else if (e.prevHash !== prev) {
        problem = { seq: e.seq, problem: 'prev_hash_mismatch', message: `seq ${e.seq} does not point at the hash of seq ${e.seq - 1}` }
      } else {
        const { hash, ...rest } = e
        if (eventHash(rest) !== hash) problem = { seq: e.seq, problem: 'hash_mismatch', message: `seq ${e.seq} content does not match its hash` }
      }
      if (problem) return false
      prev = e.hash
      expectedSeq++
      return true
    },
    finish(head?: { seq: number; hash: string }): ChainProblem | null {
      if (!problem && head && (head.seq !== expectedSeq - 1 || head.hash !== prev)) {
        problem = {
          seq: Math.min(head.seq, expectedSeq),
          problem: 'head_mismatch',
          message: `chain head says seq ${head.seq} but the events end at seq ${expectedSeq - 1}`,
        }
      }
      return problem
    },
  }
}

/** Walks one team's events in seq order. Returns the first problem, or null when the chain is whole. */
export function verifyChain(events: Iterable<LedgerEvent>, head?: { seq: number; hash: string }): ChainProblem | null {
  const v = createChainVerifier()
  for (const e of events) if (!v.push(e)) break
  return v.finish(head)
}
