import { VolunteerAffiliationList, type Affiliation, type EmergencyContact, type VolunteerAffiliation } from '@chayi/domain'

// The pieces of a volunteer's details that the registration form and the profile editor share:
// the drafts their controls edit (AffiliationPicker, SkillsField, EmergencyContactFields) and the
// way from a draft to the API's body and back.

/** 身份 as the checkboxes hold it: ticked or not, and the unit's name typed beside it. */
export type AffiliationDraft = Partial<Record<VolunteerAffiliation, { on: boolean; unit: string }>>

/** 紧急联系人 as typed. */
export interface ContactDraft {
  name: string
  phone: string
  relation: string
}

export const emptyContact = (): ContactDraft => ({ name: '', phone: '', relation: '' })

/** The ticked affiliations, in the code list's order, with a unit only where one was typed. */
export function affiliationsOf(draft: AffiliationDraft): Affiliation[] {
  return VolunteerAffiliationList.codes
    .filter((code) => draft[code]?.on)
    .map((kind) => {
      const unit = draft[kind]!.unit.trim()
      return unit ? { kind, unit } : { kind }
    })
}

/** A saved list of affiliations as the checkboxes show it. */
export function affiliationDraft(list: readonly Affiliation[]): AffiliationDraft {
  const draft: AffiliationDraft = {}
  for (const a of list) draft[a.kind] = { on: true, unit: a.unit ?? '' }
  return draft
}

/** "理发, 量血压，手工编织、驾驶" → each skill once, trimmed. */
export function splitSkills(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、;；]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ]
}

/** Skills back into the one text box, with the comma the language writes. */
export function joinSkills(skills: readonly string[], locale: string): string {
  return skills.join(locale === 'en' ? ', ' : '，')
}

/** The contact as the API takes it (spaces out of the phone number). */
export function contactOf(d: ContactDraft): EmergencyContact {
  return { name: d.name.trim(), phone: d.phone.replace(/\s/g, ''), relation: d.relation.trim() }
}

/** The field an API issue belongs to on these forms: `affiliations.0.unit` → `affiliations`, `skills.3` → `skills`. */
export function profileFieldOf(path: string): string {
  if (path.startsWith('affiliations')) return 'affiliations'
  if (path.startsWith('skills')) return 'skills'
  return path
}
