import type { Kysely } from 'kysely'

// The welfare fund 公益基金 (issue 5): income, expense requests decided by a second person, and the
// append-only ledger of entries. There is no balance column: the balance is the sum of the entries.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fund_income')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    // Looked up without a team (a public receipt page), so unique everywhere.
    .addColumn('receipt_code', 'text', (c) => c.notNull().unique())
    .addColumn('receipt_number', 'text', (c) => c.notNull())
    .addColumn('donor_kind', 'text', (c) => c.notNull())
    .addColumn('donor_name', 'text')
    .addColumn('donor_phone_enc', 'text')
    // No foreign key: partners are created by a later migration; the API checks the team's partner.
    .addColumn('partner_id', 'text')
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('pledge_volunteer_id', 'text', (c) => c.references('volunteers.id'))
    .addColumn('pledge_month', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('fund_income_team_number_uq', ['team_id', 'receipt_number'])
    .execute()
  await db.schema.createIndex('fund_income_team_created_idx').on('fund_income').columns(['team_id', 'created_at', 'id']).execute()
  await db.schema.createIndex('fund_income_partner_idx').on('fund_income').columns(['team_id', 'partner_id']).execute()
  await db.schema.createIndex('fund_income_pledge_idx').on('fund_income').columns(['pledge_volunteer_id', 'pledge_month']).execute()

  await db.schema
    .createTable('fund_expense_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('payee', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('attachment', 'text')
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .execute()
  await db.schema.createIndex('fund_expense_requests_team_idx').on('fund_expense_requests').columns(['team_id', 'requested_at', 'id']).execute()

  await db.schema
    .createTable('fund_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('income_id', 'text', (c) => c.references('fund_income.id'))
    .addColumn('expense_id', 'text', (c) => c.references('fund_expense_requests.id'))
    .addColumn('reverses', 'text', (c) => c.references('fund_entries.id'))
    .addColumn('reason', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('fund_entries_team_seq_uq', ['team_id', 'seq'])
    // An entry is reversed at most once, even by two racing requests.
    .addUniqueConstraint('fund_entries_reverses_uq', ['reverses'])
    .execute()
  await db.schema.createIndex('fund_entries_team_occurred_idx').on('fund_entries').columns(['team_id', 'occurred_at']).execute()
  await db.schema.createIndex('fund_entries_income_idx').on('fund_entries').column('income_id').execute()
  await db.schema.createIndex('fund_entries_expense_idx').on('fund_entries').column('expense_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['fund_entries', 'fund_expense_requests', 'fund_income']) await db.schema.dropTable(t).execute()
}
