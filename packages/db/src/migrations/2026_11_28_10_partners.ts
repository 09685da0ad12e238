import type { Kysely } from 'kysely'

// Caring enterprises and people 爱心企业/爱心人士 (issue 5): partners, aid intentions, what they gave.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
