import type { VersionConflictBody } from '@chayi/domain'

/**
 * Thrown inside a write when its base version is not the current one. Not an ApiError: its body
 * carries the current values, which the shared error mapper has no room for; the route answers it.
 */
export class VersionConflict extends Error {
  constructor(
    readonly currentVersion: number,
    readonly current: Record<string, unknown>,
  ) {
    super('version_conflict')
  }

  body(): VersionConflictBody {
    const fields = Object.keys(this.current)
    return {
      error: {
        code: 'version_conflict',
        message: `Someone else changed this record (now version ${this.currentVersion}); compare both versions and send the change again on top of it.`,
        issues: fields.map((path) => ({ path, message: 'changed by someone else' })),
        currentVersion: this.currentVersion,
        current: this.current,
      },
    }
  }
}

/**
 * The fields of `change` whose proposed value differs from the current one, with the current one.
 * Values are compared as canonical JSON, so arrays and booleans compare by content.
 */
export function differing(change: Record<string, unknown>, currentOf: (field: string) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [field, proposed] of Object.entries(change)) {
    if (field === 'baseVersion' || proposed === undefined) continue
    const current = currentOf(field)
    if (JSON.stringify(current) !== JSON.stringify(proposed)) out[field] = current
  }
  return out
}
