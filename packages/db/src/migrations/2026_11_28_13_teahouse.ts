import type { Kysely } from 'kysely'

// 茶馆: the counter tablet's menu, shifts, sales with charity cups (义仓茶), cups served to care-card
// holders, and goods taken in for the granary (issue 6). The tablet works offline, so every record it
// sends carries its client UUID as the primary key and the device's own sequence number, unique per
// device: a resend can never store a second copy. Sales, cups and servings are only ever inserted; a
// mistaken sale is undone by a reversal row, a closed shift by nothing (its close is its own row).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teahouse_settings')
    .addColumn('team_id', 'text', (c) => c.primaryKey().references('teams.id'))
    .addColumn('cup_price_fen', 'integer', (c) => c.notNull())
    .addColumn('daily_cup_limit', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('teahouse_menu_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('price_fen', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('teahouse_menu_team_idx').on('teahouse_menu_items').columns(['team_id', 'sort']).execute()

  // A paired tablet's receipt prefix (T1, T2… per team), given the first time it asks.
  await db.schema
    .createTable('teahouse_devices')
    .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('receipt_prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('teahouse_devices_prefix_uq', ['team_id', 'receipt_prefix'])
    .execute()

  await db.schema
    .createTable('teahouse_shifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('device_seq', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('float_fen', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('teahouse_shifts_device_seq_uq', ['device_id', 'device_seq'])
    .execute()
  await db.schema.createIndex('teahouse_shifts_team_idx').on('teahouse_shifts').columns(['team_id', 'opened_at']).execute()

  // The blind close: the count as entered, the expected cash computed by the server at that moment.
  await db.schema
    .createTable('teahouse_shift_closes')
    .addColumn('shift_id', 'text', (c) => c.primaryKey().references('teahouse_shifts.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('counted_cash_fen', 'integer', (c) => c.notNull())
    .addColumn('expected_cash_fen', 'integer', (c) => c.notNull())
    .addColumn('variance_fen', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('teahouse_sales')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('device_seq', 'integer', (c) => c.notNull())
    .addColumn('receipt_no', 'text', (c) => c.notNull())
    .addColumn('receipt_code', 'text', (c) => c.notNull().unique())
    .addColumn('shift_id', 'text', (c) => c.notNull().references('teahouse_shifts.id'))
    .addColumn('staff_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('payment_method', 'text', (c) => c.notNull())
    .addColumn('tea_fen', 'integer', (c) => c.notNull())
    .addColumn('cups', 'integer', (c) => c.notNull())
    .addColumn('cup_price_fen', 'integer', (c) => c.notNull())
    .addColumn('cups_fen', 'integer', (c) => c.notNull())
    .addColumn('total_fen', 'integer', (c) => c.notNull())
    .addColumn('sold_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('teahouse_sales_device_seq_uq', ['device_id', 'device_seq'])
    .execute()
  await db.schema.createIndex('teahouse_sales_team_idx').on('teahouse_sales').columns(['team_id', 'sold_at']).execute()
  await db.schema.createIndex('teahouse_sales_shift_idx').on('teahouse_sales').column('shift_id').execute()

  await db.schema
    .createTable('teahouse_sale_lines')
    .addColumn('sale_id', 'text', (c) => c.notNull().references('teahouse_sales.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('menu_item_id', 'text', (c) => c.notNull().references('teahouse_menu_items.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price_fen', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('teahouse_sale_lines_pk', ['sale_id', 'line_no'])
    .execute()

  // A mistaken sale is reversed, never deleted; its waiting cups leave the pool with it.
  await db.schema
    .createTable('teahouse_sale_reversals')
    .addColumn('sale_id', 'text', (c) => c.primaryKey().references('teahouse_sales.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reversed_by', 'text', (c) => c.notNull())
    .addColumn('reversed_at', 'text', (c) => c.notNull())
    .execute()

  // One row per charity cup bought. Waiting = no serving points at it (and its sale not reversed).
  await db.schema
    .createTable('teahouse_cups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('sale_id', 'text', (c) => c.notNull().references('teahouse_sales.id'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('serial_no', 'integer', (c) => c.notNull())
    .addColumn('serial', 'text', (c) => c.notNull())
    .addColumn('price_fen', 'integer', (c) => c.notNull())
    .addColumn('bought_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('teahouse_cups_serial_uq', ['team_id', 'serial_no'])
    .execute()
  await db.schema.createIndex('teahouse_cups_fifo_idx').on('teahouse_cups').columns(['team_id', 'bought_at', 'serial_no']).execute()

  // A cup handed to a care-card holder. `cup_id` is unique, so no cup is ever served twice; null when
  // served beyond donations (an offline claim that found no cup left). Nothing personal is kept here
  // beyond the card and the beneficiary's id.
  await db.schema
    .createTable('teahouse_servings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('device_seq', 'integer', (c) => c.notNull())
    .addColumn('card_id', 'text', (c) => c.references('care_cards.id'))
    .addColumn('beneficiary_id', 'text', (c) => c.references('beneficiaries.id'))
    .addColumn('card_number', 'text')
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('cup_id', 'text', (c) => c.unique().references('teahouse_cups.id'))
    .addColumn('claim', 'integer', (c) => c.notNull())
    .addColumn('flags', 'text', (c) => c.notNull())
    .addColumn('served_day', 'text', (c) => c.notNull())
    .addColumn('served_at', 'text', (c) => c.notNull())
    .addColumn('served_by', 'text', (c) => c.references('users.id'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('teahouse_servings_device_seq_uq', ['device_id', 'device_seq'])
    .execute()
  await db.schema.createIndex('teahouse_servings_card_day_idx').on('teahouse_servings').columns(['card_id', 'served_day']).execute()
  await db.schema.createIndex('teahouse_servings_team_idx').on('teahouse_servings').columns(['team_id', 'served_at']).execute()

  // Goods handed in at the counter; each became one granary donation.
  await db.schema
    .createTable('teahouse_intakes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('device_seq', 'integer', (c) => c.notNull())
    .addColumn('donation_id', 'text', (c) => c.notNull().unique().references('granary_donations.id'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('staff_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('teahouse_intakes_device_seq_uq', ['device_id', 'device_seq'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'teahouse_intakes',
    'teahouse_servings',
    'teahouse_cups',
    'teahouse_sale_reversals',
    'teahouse_sale_lines',
    'teahouse_sales',
    'teahouse_shift_closes',
    'teahouse_shifts',
    'teahouse_devices',
    'teahouse_menu_items',
    'teahouse_settings',
  ]) {
    await db.schema.dropTable(t).execute()
  }
}
