import type { OutboxHandoff, OutboxRecord } from '@chayi/shell'

/*
 * Which outbox records are household changes refused as stale (409 `version_conflict`). Kept apart
 * from conflicts.ts (which parses the 409's body with the domain's schemas) because the app's
 * definition asks it for the shell's outbox panel: this file is in the first download.
 */

export const HOUSEHOLD_PATH = /^\/api\/v1\/aid\/households\/([^/]+)$/

/** Whether an outbox record is a household change refused as stale. */
export function isConflictRecord(r: OutboxRecord): boolean {
  return r.status === 'failed' && r.method === 'PATCH' && HOUSEHOLD_PATH.test(r.path) && r.lastError?.code === 'version_conflict'
}

/**
 * For the shell's outbox panel: a conflicting change is resolved on the conflict screen, which
 * shows both versions — never given up from the panel, which would lose it unseen.
 */
export function conflictHandoff(r: OutboxRecord): OutboxHandoff | null {
  return isConflictRecord(r) ? { to: `/conflicts/${r.id}`, hintKey: 'tracker.outbox.conflictHint', titleKey: 'tracker.outbox.conflictTitle' } : null
}
