import type { Kysely } from 'kysely'

// Who revealed which sensitive field of whom, when and why (volunteers' ID numbers now; the care
// register's health and disability data later). Rows are only ever added.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('access_log_team_at_idx').on('access_log').columns(['team_id', 'at', 'id']).execute()
  await db.schema.createIndex('access_log_entity_idx').on('access_log').columns(['entity', 'entity_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_log').execute()
}
