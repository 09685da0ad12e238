import type { Kysely } from 'kysely'

// 情系藏区 (issue 7): partners' redacted view links. Partners have no accounts: a leader issues a
// link whose token (32 random bytes) is shown once and kept here only as its sha256 hash, so a
// copy of the database opens no view. A link is revoked, never deleted (who issued what stays).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('aid_partner_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .execute()
  await db.schema.createIndex('aid_partner_links_team_idx').on('aid_partner_links').columns(['team_id', 'partner_id', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('aid_partner_links').execute()
}
