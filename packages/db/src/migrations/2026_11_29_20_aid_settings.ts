import type { Kysely } from 'kysely'

// 情系藏区 (issue 7): a team's exit settings — how long income must stay above the line before a
// household may be proposed (default 6 months), the public notice (5 days) and the monitoring after
// exit (12 months). No row means the defaults.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('aid_settings')
    .addColumn('team_id', 'text', (c) => c.primaryKey().references('teams.id'))
    .addColumn('stable_months', 'integer', (c) => c.notNull())
    .addColumn('notice_days', 'integer', (c) => c.notNull())
    .addColumn('monitoring_months', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('aid_settings').execute()
}
