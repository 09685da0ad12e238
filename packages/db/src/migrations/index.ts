import type { Migration } from 'kysely'
import * as m01 from './2026_11_28_01_identity.js'
import * as m02 from './2026_11_28_02_ledger.js'
import * as m03 from './2026_11_28_03_kiosk_staff.js'
import * as m04 from './2026_11_28_04_volunteers.js'
import * as m05 from './2026_11_28_05_activities.js'
import * as m06 from './2026_11_28_06_access_log.js'
import * as m07 from './2026_11_28_07_care.js'
import * as m08 from './2026_11_28_08_granary.js'
import * as m09 from './2026_11_28_09_fund.js'
import * as m10 from './2026_11_28_10_partners.js'
import * as m11 from './2026_11_28_11_pairings.js'
import * as m12 from './2026_11_28_12_identity_passwords.js'
import * as m13 from './2026_11_28_13_teahouse.js'
import * as m14 from './2026_11_28_14_reports.js'
import * as m15 from './2026_11_28_15_aid.js'
import * as m16 from './2026_11_29_16_aid_incomes.js'
import * as m17 from './2026_11_29_17_aid_plans.js'
import * as m18 from './2026_11_29_18_aid_visits.js'
import * as m19 from './2026_11_29_19_aid_views.js'
import * as m20 from './2026_11_29_20_aid_settings.js'

// A static list rather than a folder read at run time, so the server can be bundled into one file.
// Add each new migration here; names sort in the order they run.
export const migrations: Record<string, Migration> = {
  '2026_11_28_01_identity': m01,
  '2026_11_28_02_ledger': m02,
  '2026_11_28_03_kiosk_staff': m03,
  '2026_11_28_04_volunteers': m04,
  '2026_11_28_05_activities': m05,
  '2026_11_28_06_access_log': m06,
  '2026_11_28_07_care': m07,
  '2026_11_28_08_granary': m08,
  '2026_11_28_09_fund': m09,
  '2026_11_28_10_partners': m10,
  '2026_11_28_11_pairings': m11,
  '2026_11_28_12_identity_passwords': m12,
  '2026_11_28_13_teahouse': m13,
  '2026_11_28_14_reports': m14,
  '2026_11_28_15_aid': m15,
  '2026_11_29_16_aid_incomes': m16,
  '2026_11_29_17_aid_plans': m17,
  '2026_11_29_18_aid_visits': m18,
  '2026_11_29_19_aid_views': m19,
  '2026_11_29_20_aid_settings': m20,
}
