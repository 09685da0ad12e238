import type { Kysely } from 'kysely'

// Volunteers who asked to join a team, and per-team gap-free counters (volunteer numbers first).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('volunteers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('real_name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('id_type', 'text', (c) => c.notNull())
    // AES-256-GCM sealed; the HMAC beside it finds duplicates without storing the number readable.
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_hash', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('affiliations', 'text', (c) => c.notNull())
    .addColumn('skills', 'text', (c) => c.notNull())
    .addColumn('availability', 'text', (c) => c.notNull())
    // Other people's names and phones: sealed JSON.
    .addColumn('emergency_contact_enc', 'text', (c) => c.notNull())
    .addColumn('guardian_enc', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('volunteer_number', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decision_note', 'text')
    .addUniqueConstraint('volunteers_team_id_number_uq', ['team_id', 'id_number_hash'])
    // NULLs are distinct in both dialects, so pending volunteers without a number do not collide.
    .addUniqueConstraint('volunteers_team_number_uq', ['team_id', 'volunteer_number'])
    .execute()
  await db.schema.createIndex('volunteers_team_status_idx').on('volunteers').columns(['team_id', 'status', 'id']).execute()
  await db.schema.createIndex('volunteers_user_idx').on('volunteers').column('user_id').execute()

  await db.schema
    .createTable('team_counters')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_counters_pk', ['team_id', 'name'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('team_counters').execute()
  await db.schema.dropTable('volunteers').execute()
}
