import type { Kysely } from 'kysely'

// 情系藏区 (issue 7): the lines households are measured against (低保 standard and monitoring line,
// per team, year and optionally place) and households' yearly incomes by component, in fen.
// Both are append-only: a later line or income record for the same year supersedes an earlier one;
// a partner credit is undone by a negative credit pointing at it (`reverses_id`).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('aid_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('place_id', 'text', (c) => c.references('aid_places.id'))
    .addColumn('dibao_fen', 'bigint', (c) => c.notNull())
    .addColumn('monitoring_fen', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('aid_lines_team_year_idx').on('aid_lines').columns(['team_id', 'year', 'created_at']).execute()

  await db.schema
    .createTable('aid_incomes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('aid_households.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text')
    .addColumn('delivery_id', 'text')
    .addColumn('reverses_id', 'text', (c) => c.references('aid_incomes.id'))
    .addColumn('wages_fen', 'bigint', (c) => c.notNull())
    .addColumn('business_fen', 'bigint', (c) => c.notNull())
    .addColumn('property_fen', 'bigint', (c) => c.notNull())
    .addColumn('transfers_fen', 'bigint', (c) => c.notNull())
    .addColumn('costs_fen', 'bigint', (c) => c.notNull())
    .addColumn('member_count', 'integer', (c) => c.notNull())
    .addColumn('net_fen', 'bigint', (c) => c.notNull())
    .addColumn('per_capita_fen', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('aid_incomes_household_idx').on('aid_incomes').columns(['household_id', 'year', 'as_of']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('aid_incomes').execute()
  await db.schema.dropTable('aid_lines').execute()
}
