import type { Kysely } from 'kysely'

// 情系藏区 (issue 7): field visits with photos, exit proposals and notices, monitoring cases.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
