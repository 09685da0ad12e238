import type { Kysely } from 'kysely'

// The care register (issue 5): beneficiaries, consent, care cards.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
