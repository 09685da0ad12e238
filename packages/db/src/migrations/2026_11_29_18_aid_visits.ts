import { sql, type Kysely } from 'kysely'

// 情系藏区 (issue 7): field visits with photos, exit proposals and notices, monitoring cases.
// A visit is only ever added; its id is made on the device (a resend is recognised by it), and
// `request_hash` tells a true resend from a different visit reusing the id.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('aid_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('aid_households.id'))
    .addColumn('worker_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('visited_at', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    // JSON text: AidChecklist.
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('hardship_kind', 'text')
    .addColumn('hardship_note', 'text')
    .addColumn('income_id', 'text', (c) => c.references('aid_incomes.id'))
    .addColumn('monitoring_case_id', 'text')
    .addColumn('photo_count', 'integer', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('aid_visits_household_idx').on('aid_visits').columns(['household_id', 'visited_at', 'id']).execute()

  await db.schema
    .createTable('aid_visit_photos')
    .addColumn('visit_id', 'text', (c) => c.notNull().references('aid_visits.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    // A data URL (checked against AidPhoto before it is stored).
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('aid_visit_photos_pk', ['visit_id', 'position'])
    .execute()

  // One row per exit attempt: proposed → notice (approved) → confirmed, or withdrawn on the way.
  await db.schema
    .createTable('aid_exits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('aid_households.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposal_reason', 'text', (c) => c.notNull())
    // The assessment the proposal rested on, frozen for the public notice.
    .addColumn('year', 'integer')
    .addColumn('per_capita_fen', 'bigint')
    .addColumn('monitoring_fen', 'bigint')
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approval_reason', 'text')
    .addColumn('notice_starts_on', 'text')
    .addColumn('notice_ends_on', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text')
    .addColumn('objection_note', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('confirmed_by', 'text')
    .addColumn('monitoring_until', 'text')
    .execute()
  await db.schema.createIndex('aid_exits_household_idx').on('aid_exits').columns(['household_id', 'proposed_at']).execute()
  await db.schema.createIndex('aid_exits_team_notice_idx').on('aid_exits').columns(['team_id', 'notice_ends_on']).execute()

  await db.schema
    .createTable('aid_monitoring_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('aid_households.id'))
    // JSON text: the triggers (income_below_line, hardship:<kind>).
    .addColumn('triggers', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text')
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('home_check_due', 'text', (c) => c.notNull())
    .addColumn('decision_due', 'text', (c) => c.notNull())
    .addColumn('home_check_at', 'text')
    .addColumn('home_check_by', 'text')
    .addColumn('home_check_note', 'text')
    .addColumn('home_check_findings', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decision', 'text')
    .addColumn('decision_note', 'text')
    .execute()
  // At most one open case per household: a second trigger joins the open one.
  await db.schema.createIndex('aid_monitoring_cases_open_uq').on('aid_monitoring_cases').column('household_id').unique().where(sql.ref('decided_at'), 'is', null).execute()
  await db.schema.createIndex('aid_monitoring_cases_team_idx').on('aid_monitoring_cases').columns(['team_id', 'opened_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('aid_monitoring_cases').execute()
  await db.schema.dropTable('aid_exits').execute()
  await db.schema.dropTable('aid_visit_photos').execute()
  await db.schema.dropTable('aid_visits').execute()
}
