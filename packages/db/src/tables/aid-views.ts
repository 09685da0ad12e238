import type { Selectable } from 'kysely'

// 情系藏区: partners' redacted view links.

/** A partner's view link: only the token's sha256 is stored; revoked links answer 404. */
export interface AidPartnerLinksTable {
  id: string
  teamId: string
  partnerId: string
  /** sha256 hex of the token. */
  tokenHash: string
  createdAt: string
  createdBy: string
  revokedAt: string | null
  revokedBy: string | null
}

export interface AidViewsTables {
  aidPartnerLinks: AidPartnerLinksTable
}

export type AidPartnerLinkRow = Selectable<AidPartnerLinksTable>
