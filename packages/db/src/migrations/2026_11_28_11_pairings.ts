import { sql, type Kysely } from 'kysely'

// 空巢不空心: volunteers paired with empty-nest elders, visit logs and follow-ups (issue 5 item 6).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pairings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('volunteers.id'))
    .addColumn('beneficiary_id', 'text', (c) => c.notNull().references('beneficiaries.id'))
    .addColumn('frequency_days', 'integer', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('ended_by', 'text')
    .addColumn('end_reason', 'text')
    .execute()
  await db.schema.createIndex('pairings_team_status_idx').on('pairings').columns(['team_id', 'status', 'id']).execute()
  await db.schema.createIndex('pairings_volunteer_idx').on('pairings').columns(['volunteer_id', 'status']).execute()
  // One active pairing per volunteer and elder, held by the database as well as by the code.
  await db.schema
    .createIndex('pairings_one_active_uq')
    .on('pairings')
    .columns(['volunteer_id', 'beneficiary_id'])
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute()

  await db.schema
    .createTable('pairing_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('pairing_id', 'text', (c) => c.notNull().references('pairings.id'))
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('volunteers.id'))
    .addColumn('beneficiary_id', 'text', (c) => c.notNull().references('beneficiaries.id'))
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('notes_enc', 'text', (c) => c.notNull())
    .addColumn('concern', 'integer', (c) => c.notNull())
    .addColumn('concern_note_enc', 'text')
    .addColumn('hour_entry_id', 'text', (c) => c.notNull().references('hour_entries.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('pairing_visits_pairing_idx').on('pairing_visits').columns(['pairing_id', 'visited_on']).execute()

  await db.schema
    .createTable('pairing_follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('pairing_id', 'text', (c) => c.notNull().references('pairings.id'))
    .addColumn('visit_id', 'text', (c) => c.notNull().references('pairing_visits.id'))
    .addColumn('beneficiary_id', 'text', (c) => c.notNull().references('beneficiaries.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('outcome_enc', 'text')
    .execute()
  await db.schema.createIndex('pairing_follow_ups_team_status_idx').on('pairing_follow_ups').columns(['team_id', 'status', 'opened_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pairing_follow_ups').execute()
  await db.schema.dropTable('pairing_visits').execute()
  await db.schema.dropTable('pairings').execute()
}
