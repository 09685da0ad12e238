import type { LocaleMessages } from '@chayi/shell'

/* Strings of the leader screens, under `volunteer.lead.*` (same shape in both languages). */
export const leadMessages: LocaleMessages = {
  'zh-CN': { volunteer: { lead: {} } },
  en: { volunteer: { lead: {} } },
}
