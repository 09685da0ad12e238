import type { Kysely } from 'kysely'

// Counter staff unlock a paired kiosk with a PIN; the unlock is a short session bound to that device.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('pin_hash', 'text').execute()
  await db.schema
    .createTable('staff_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute()
  await db.schema.createIndex('staff_sessions_device_idx').on('staff_sessions').column('device_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('staff_sessions').execute()
  await db.schema.alterTable('users').dropColumn('pin_hash').execute()
}
