import type { Kysely } from 'kysely'

// Activities with sign-up and waitlist, attendance, the hours ledger, star settings,
// certificates, pledges and the notification inbox/outbox of the `volunteers` context.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('project', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('min_age', 'integer')
    .addColumn('required_skills', 'text', (c) => c.notNull())
    .addColumn('insurance', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cancel_reason', 'text')
    // Random per activity: the key that signs its rotating check-in codes.
    .addColumn('check_in_secret', 'text', (c) => c.notNull())
    // Set once a sweep has sent the 24-hour reminder.
    .addColumn('reminded_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('activities_team_starts_idx').on('activities').columns(['team_id', 'starts_at', 'id']).execute()
  await db.schema.createIndex('activities_team_project_idx').on('activities').columns(['team_id', 'project', 'starts_at']).execute()

  await db.schema
    .createTable('enrollments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('volunteers.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    // Waitlist order: when this sign-up (or re-sign-up) joined the queue.
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('enrollments_activity_volunteer_uq', ['activity_id', 'volunteer_id'])
    .execute()
  await db.schema.createIndex('enrollments_activity_status_idx').on('enrollments').columns(['activity_id', 'status', 'queued_at']).execute()
  await db.schema.createIndex('enrollments_volunteer_idx').on('enrollments').columns(['volunteer_id', 'status']).execute()

  await db.schema
    .createTable('attendance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('volunteers.id'))
    .addColumn('check_in_at', 'text', (c) => c.notNull())
    .addColumn('check_out_at', 'text')
    .addColumn('checked_in_by', 'text', (c) => c.notNull())
    .addColumn('proxy_reason', 'text')
    .addColumn('closed_by', 'text')
    .addUniqueConstraint('attendance_activity_volunteer_uq', ['activity_id', 'volunteer_id'])
    .execute()
  await db.schema.createIndex('attendance_open_idx').on('attendance').columns(['team_id', 'check_out_at']).execute()

  await db.schema
    .createTable('hour_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('volunteers.id'))
    .addColumn('activity_id', 'text', (c) => c.references('activities.id'))
    .addColumn('attendance_id', 'text', (c) => c.references('attendance.id'))
    .addColumn('project', 'text', (c) => c.notNull())
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reverses', 'text', (c) => c.references('hour_entries.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    // One entry per attendance record; one reversal per entry.
    .addUniqueConstraint('hour_entries_attendance_uq', ['attendance_id'])
    .addUniqueConstraint('hour_entries_reverses_uq', ['reverses'])
    .execute()
  await db.schema.createIndex('hour_entries_team_status_idx').on('hour_entries').columns(['team_id', 'status', 'created_at']).execute()
  await db.schema.createIndex('hour_entries_volunteer_idx').on('hour_entries').columns(['volunteer_id', 'status', 'service_date']).execute()

  await db.schema
    .createTable('hour_corrections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('entry_id', 'text', (c) => c.notNull().references('hour_entries.id'))
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('volunteers.id'))
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .execute()
  await db.schema.createIndex('hour_corrections_entry_idx').on('hour_corrections').columns(['entry_id', 'status']).execute()

  await db.schema
    .createTable('volunteer_settings')
    .addColumn('team_id', 'text', (c) => c.primaryKey().references('teams.id'))
    // JSON array of five hour counts.
    .addColumn('star_thresholds', 'text', (c) => c.notNull())
    .addColumn('person_in_charge', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('volunteers.id'))
    // What was certified, frozen at issue: later changes to the profile do not alter it.
    .addColumn('real_name', 'text', (c) => c.notNull())
    .addColumn('id_type', 'text', (c) => c.notNull())
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('volunteer_number', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('approved_minutes', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('person_in_charge', 'text', (c) => c.notNull())
    .addColumn('handler', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('revoke_reason', 'text')
    .execute()
  await db.schema.createIndex('certificates_volunteer_idx').on('certificates').columns(['volunteer_id', 'issued_at']).execute()

  await db.schema
    .createTable('pledges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('volunteers.id'))
    .addColumn('monthly_fen', 'integer', (c) => c.notNull())
    .addColumn('from_month', 'text', (c) => c.notNull())
    .addColumn('to_month', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('pledges_volunteer_idx').on('pledges').columns(['volunteer_id', 'from_month']).execute()

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text')
    // Stops a sweep or a retry from telling someone the same thing twice (e.g. `reminder:<activity>`).
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addUniqueConstraint('notifications_user_dedupe_uq', ['user_id', 'dedupe_key'])
    .execute()
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'created_at']).execute()

  await db.schema
    .createTable('notification_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .execute()
  await db.schema.createIndex('notification_outbox_due_idx').on('notification_outbox').columns(['status', 'next_attempt_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['notification_outbox', 'notifications', 'pledges', 'certificates', 'volunteer_settings', 'hour_corrections', 'hour_entries', 'attendance', 'enrollments', 'activities']) {
    await db.schema.dropTable(t).execute()
  }
}
