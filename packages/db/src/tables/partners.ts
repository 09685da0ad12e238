import type { Selectable } from 'kysely'

// Row types of the `partners` context's tables (camelCase; see ../types.ts for the conventions).

export interface PartnersTable {
  id: string
  teamId: string
  name: string
  kind: 'enterprise' | 'individual' | 'organisation'
  contactName: string | null
  /** FieldCipher-sealed. */
  contactPhoneEnc: string | null
  industry: string | null
  note: string | null
  createdBy: string
  createdAt: string
  updatedAt: string
}

export interface PartnerIntentionsTable {
  id: string
  teamId: string
  partnerId: string
  kind: string
  description: string
  amountFen: number | null
  quantity: number | null
  validUntil: string | null
  status: 'open' | 'fulfilled' | 'withdrawn'
  createdBy: string
  createdAt: string
  closedBy: string | null
  closedAt: string | null
  closeNote: string | null
}

/** A granary donor who is (part of) a partner: their donations count as the partner's. */
export interface PartnerGranaryDonorsTable {
  teamId: string
  partnerId: string
  donorId: string
  createdBy: string
  createdAt: string
}

export interface PartnersTables {
  partners: PartnersTable
  partnerIntentions: PartnerIntentionsTable
  partnerGranaryDonors: PartnerGranaryDonorsTable
}

export type PartnerRow = Selectable<PartnersTable>
export type PartnerIntentionRow = Selectable<PartnerIntentionsTable>
export type PartnerGranaryDonorRow = Selectable<PartnerGranaryDonorsTable>
