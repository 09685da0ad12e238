import type { Kysely } from 'kysely'

// 空巢不空心: volunteers paired with empty-nest elders, visit logs and follow-ups (issue 5 item 6).
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
