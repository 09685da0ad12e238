import type { Kysely } from 'kysely'

// Quarterly public disclosures (季度公开披露, issue 5 item 7): frozen snapshots of aggregates, only
// ever inserted. Publishing a quarter again adds the next version, which supersedes the earlier ones.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('disclosures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('quarter', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('disclosures_team_quarter_version_uq', ['team_id', 'quarter', 'version'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('disclosures').execute()
}
