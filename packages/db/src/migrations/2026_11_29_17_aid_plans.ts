import type { Kysely } from 'kysely'

// 情系藏区 (issue 7): measures (一户一策), needs, pledges and deliveries.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
