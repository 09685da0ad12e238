import { forUpdate } from '@chayi/db'
import type { WriteScope } from './write.js'

/**
 * Takes a team's next number from a locked counter row (volunteer numbers, certificate numbers…):
 * concurrent writers queue on the row, none skips or repeats, and a rolled-back write gives its
 * number back with everything else.
 */
export async function nextTeamCounter(w: WriteScope, name: string): Promise<number> {
  await w.trx
    .insertInto('teamCounters')
    .values({ teamId: w.teamId, name, value: 0 })
    .onConflict((oc) => oc.columns(['teamId', 'name']).doNothing())
    .execute()
  const counter = await forUpdate(w.trx, w.trx.selectFrom('teamCounters').select('value').where('teamId', '=', w.teamId).where('name', '=', name)).executeTakeFirstOrThrow()
  const value = Number(counter.value) + 1
  await w.trx.updateTable('teamCounters').set({ value }).where('teamId', '=', w.teamId).where('name', '=', name).execute()
  return value
}
