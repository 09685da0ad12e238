import type { Kysely } from 'kysely'

// Password resets by an administrator: the account then signs in with a temporary password and
// must pick its own before anything else. Existing accounts keep working (default 0).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.alterTable('users').addColumn('password_changed_at', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('password_changed_at').execute()
  await db.schema.alterTable('users').dropColumn('must_change_password').execute()
}
