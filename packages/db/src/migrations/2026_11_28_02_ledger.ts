import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_events')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    // One chain per team: a second writer with the same seq fails here instead of forking the chain.
    .addPrimaryKeyConstraint('ledger_events_pk', ['team_id', 'seq'])
    .execute()
  await db.schema.createIndex('ledger_events_entity_idx').on('ledger_events').columns(['team_id', 'entity', 'entity_id']).execute()

  // The head row is what concurrent writers lock (FOR UPDATE on PostgreSQL) to take the next seq.
  await db.schema
    .createTable('chain_heads')
    .addColumn('team_id', 'text', (c) => c.primaryKey().references('teams.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('chain_heads').execute()
  await db.schema.dropTable('ledger_events').execute()
}
