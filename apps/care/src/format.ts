import type { Locale } from '@chayi/domain'

/** An ISO time as a short local date and time ("2026/1/1 08:00" · "1 Jan 2026, 08:00"). */
export function formatDateTime(iso: string, locale: Locale): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d)
}

/** Only the time of day, for something valid minutes from now ("14:32"). */
export function formatTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso))
}

/** 8 digits as two groups of 4, easier to read out and type ("1234 5678"). */
export function groupCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ')
}
