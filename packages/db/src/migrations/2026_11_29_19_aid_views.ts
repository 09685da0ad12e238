import type { Kysely } from 'kysely'

// 情系藏区 (issue 7): partners' redacted view links.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
