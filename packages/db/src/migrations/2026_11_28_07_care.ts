import { sql, type Kysely } from 'kysely'

// The care register (issue 5): beneficiaries, their status history, consents, care cards.
// Sensitive and contact fields are sealed text (`*_enc`); the application holds the key.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('beneficiaries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('community', 'text', (c) => c.notNull())
    .addColumn('living_situation', 'text', (c) => c.notNull())
    .addColumn('address_enc', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('emergency_contact_enc', 'text')
    .addColumn('id_number_enc', 'text')
    // HMAC of the ID number: one registration per person per team without storing it readable.
    .addColumn('id_number_hash', 'text')
    .addColumn('disability_enc', 'text')
    .addColumn('health_notes_enc', 'text')
    .addColumn('income_enc', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // NULLs are distinct in both dialects: people without a recorded ID number never collide.
    .addUniqueConstraint('beneficiaries_team_id_number_uq', ['team_id', 'id_number_hash'])
    .execute()
  await db.schema.createIndex('beneficiaries_team_status_idx').on('beneficiaries').columns(['team_id', 'status', 'id']).execute()

  await db.schema
    .createTable('beneficiary_status_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('beneficiary_id', 'text', (c) => c.notNull().references('beneficiaries.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('beneficiary_status_changes_beneficiary_idx').on('beneficiary_status_changes').columns(['beneficiary_id', 'at']).execute()

  await db.schema
    .createTable('beneficiary_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('beneficiary_id', 'text', (c) => c.notNull().references('beneficiaries.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('given_by_kind', 'text', (c) => c.notNull())
    .addColumn('given_by_name_enc', 'text')
    .addColumn('given_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text')
    .addColumn('withdraw_reason', 'text')
    .execute()
  await db.schema.createIndex('beneficiary_consents_beneficiary_idx').on('beneficiary_consents').columns(['beneficiary_id', 'recorded_at']).execute()

  await db.schema
    .createTable('care_cards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('beneficiary_id', 'text', (c) => c.notNull().references('beneficiaries.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('ended_by', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('replaced_by', 'text')
    .addUniqueConstraint('care_cards_team_number_uq', ['team_id', 'number'])
    .execute()
  await db.schema.createIndex('care_cards_beneficiary_idx').on('care_cards').columns(['beneficiary_id', 'issued_at']).execute()
  // One active card per beneficiary, held by the database as well as by the issuing code.
  await db.schema.createIndex('care_cards_one_active_uq').on('care_cards').column('beneficiary_id').unique().where(sql.ref('status'), '=', 'active').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('care_cards').execute()
  await db.schema.dropTable('beneficiary_consents').execute()
  await db.schema.dropTable('beneficiary_status_changes').execute()
  await db.schema.dropTable('beneficiaries').execute()
}
