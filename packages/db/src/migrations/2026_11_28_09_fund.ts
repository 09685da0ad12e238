import type { Kysely } from 'kysely'

// The welfare fund 公益基金 (issue 5): income, expenses with a second approver, statements.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
