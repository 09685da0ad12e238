import type { BeneficiaryKind, BeneficiaryStatus, CareCardStatus } from '@chayi/domain'
import type { Tone } from '@chayi/ui'

// Badge tones of the register's codes; the label (from the domain's code lists) carries the meaning.
export const KIND_TONE: Record<BeneficiaryKind, Tone> = { elderly: 'brand', disabled: 'info', empty_nest_elderly: 'warning', low_income: 'neutral' }
export const STATUS_TONE: Record<BeneficiaryStatus, Tone> = { active: 'success', paused: 'warning', left: 'neutral' }
export const CARD_TONE: Record<CareCardStatus, Tone> = { active: 'success', replaced: 'neutral', revoked: 'danger' }
