import type { Kysely } from 'kysely'

// The charity granary 茶义仓 (issue 5): donors, storage places, items, donations and their lots,
// distributions, the append-only movements ledger, and blind stocktakes. There is no stock column:
// stock is the sum of movement lines, so it cannot drift from the ledger.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('granary_places')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('granary_places_team_name_uq', ['team_id', 'name'])
    .execute()

  await db.schema
    .createTable('granary_donors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    // A person's phone, sealed; the HMAC finds the same person again at the next intake.
    .addColumn('phone_enc', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('contact', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // NULLs are distinct in both dialects: enterprises and anonymous donors have no phone.
    .addUniqueConstraint('granary_donors_team_phone_uq', ['team_id', 'phone_hash'])
    .execute()
  await db.schema.createIndex('granary_donors_team_created_idx').on('granary_donors').columns(['team_id', 'created_at', 'id']).execute()

  await db.schema
    .createTable('granary_items')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('granary_items_pk', ['team_id', 'item_key'])
    .execute()

  await db.schema
    .createTable('granary_donations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    // Receipt codes are looked up without a team (the public receipt page), so unique everywhere.
    .addColumn('receipt_code', 'text', (c) => c.notNull().unique())
    .addColumn('receipt_number', 'text', (c) => c.notNull())
    .addColumn('donor_id', 'text', (c) => c.references('granary_donors.id'))
    .addColumn('donor_kind', 'text', (c) => c.notNull())
    .addColumn('place_id', 'text', (c) => c.notNull().references('granary_places.id'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('granary_donations_team_number_uq', ['team_id', 'receipt_number'])
    .execute()
  await db.schema.createIndex('granary_donations_team_created_idx').on('granary_donations').columns(['team_id', 'created_at', 'id']).execute()
  await db.schema.createIndex('granary_donations_donor_idx').on('granary_donations').columns(['donor_id', 'received_at']).execute()

  await db.schema
    .createTable('granary_lots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('donation_id', 'text', (c) => c.notNull().references('granary_donations.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    // bigint: quantity × value must not overflow PostgreSQL's 32-bit integer arithmetic.
    .addColumn('unit_value_fen', 'bigint', (c) => c.notNull())
    .addColumn('valuation_basis', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('photo', 'text')
    .addColumn('place_id', 'text', (c) => c.notNull().references('granary_places.id'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('granary_lots_item_fk', ['team_id', 'item_key'], 'granary_items', ['team_id', 'item_key'])
    .addUniqueConstraint('granary_lots_donation_line_uq', ['donation_id', 'line_no'])
    .execute()
  await db.schema.createIndex('granary_lots_item_idx').on('granary_lots').columns(['team_id', 'item_key', 'place_id']).execute()

  await db.schema
    .createTable('granary_distributions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('recipient_label', 'text', (c) => c.notNull())
    .addColumn('place_id', 'text', (c) => c.references('granary_places.id'))
    .addColumn('note', 'text')
    .addColumn('distributed_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('granary_distributions_team_created_idx').on('granary_distributions').columns(['team_id', 'created_at', 'id']).execute()
  await db.schema.createIndex('granary_distributions_recipient_idx').on('granary_distributions').columns(['team_id', 'recipient_kind', 'recipient_id']).execute()

  await db.schema
    .createTable('granary_stocktakes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('place_id', 'text', (c) => c.references('granary_places.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('counted_by', 'text')
    .addColumn('counted_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', 'text')
    .execute()
  await db.schema.createIndex('granary_stocktakes_team_idx').on('granary_stocktakes').columns(['team_id', 'opened_at', 'id']).execute()

  await db.schema
    .createTable('granary_movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('donation_id', 'text', (c) => c.references('granary_donations.id'))
    .addColumn('distribution_id', 'text', (c) => c.references('granary_distributions.id'))
    .addColumn('stocktake_id', 'text', (c) => c.references('granary_stocktakes.id'))
    .addColumn('reverses', 'text', (c) => c.references('granary_movements.id'))
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // A movement is reversed at most once, even by two racing requests.
    .addUniqueConstraint('granary_movements_reverses_uq', ['reverses'])
    .execute()
  await db.schema.createIndex('granary_movements_team_created_idx').on('granary_movements').columns(['team_id', 'created_at', 'id']).execute()
  await db.schema.createIndex('granary_movements_donation_idx').on('granary_movements').column('donation_id').execute()
  await db.schema.createIndex('granary_movements_distribution_idx').on('granary_movements').column('distribution_id').execute()

  await db.schema
    .createTable('granary_movement_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('movement_id', 'text', (c) => c.notNull().references('granary_movements.id'))
    .addColumn('lot_id', 'text', (c) => c.notNull().references('granary_lots.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_value_fen', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('granary_movement_lines_lot_idx').on('granary_movement_lines').columns(['lot_id', 'quantity']).execute()
  await db.schema.createIndex('granary_movement_lines_item_idx').on('granary_movement_lines').columns(['team_id', 'item_key', 'movement_id']).execute()
  await db.schema.createIndex('granary_movement_lines_movement_idx').on('granary_movement_lines').column('movement_id').execute()

  await db.schema
    .createTable('granary_stocktake_lines')
    .addColumn('stocktake_id', 'text', (c) => c.notNull().references('granary_stocktakes.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('counted', 'integer')
    .addColumn('expected', 'integer')
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('movement_id', 'text', (c) => c.references('granary_movements.id'))
    .addPrimaryKeyConstraint('granary_stocktake_lines_pk', ['stocktake_id', 'item_key'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'granary_stocktake_lines',
    'granary_movement_lines',
    'granary_movements',
    'granary_stocktakes',
    'granary_distributions',
    'granary_lots',
    'granary_donations',
    'granary_items',
    'granary_donors',
    'granary_places',
  ]) {
    await db.schema.dropTable(t).execute()
  }
}
