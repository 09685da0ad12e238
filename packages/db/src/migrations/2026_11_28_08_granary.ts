import type { Kysely } from 'kysely'

// The charity granary 茶义仓 (issue 5): donors, lots, places, distributions, stocktakes.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
