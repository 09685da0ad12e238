import type { Kysely } from 'kysely'

// Caring enterprises and people 爱心企业/爱心人士 (issue 5): partners, their aid intentions, and the
// granary donors that are theirs. What they gave is read from the fund and the granary, not copied.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('partners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone_enc', 'text')
    .addColumn('industry', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('partners_team_created_idx').on('partners').columns(['team_id', 'created_at', 'id']).execute()
  await db.schema.createIndex('partners_team_name_idx').on('partners').columns(['team_id', 'name']).execute()

  await db.schema
    .createTable('partner_intentions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint')
    .addColumn('quantity', 'integer')
    .addColumn('valid_until', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('close_note', 'text')
    .execute()
  await db.schema.createIndex('partner_intentions_partner_idx').on('partner_intentions').columns(['partner_id', 'created_at', 'id']).execute()
  await db.schema.createIndex('partner_intentions_team_idx').on('partner_intentions').columns(['team_id', 'created_at', 'id']).execute()

  await db.schema
    .createTable('partner_granary_donors')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('donor_id', 'text', (c) => c.notNull().references('granary_donors.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('partner_granary_donors_pk', ['partner_id', 'donor_id'])
    // A donor is one partner's: their donations are never counted twice.
    .addUniqueConstraint('partner_granary_donors_donor_uq', ['donor_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['partner_granary_donors', 'partner_intentions', 'partners']) await db.schema.dropTable(t).execute()
}
