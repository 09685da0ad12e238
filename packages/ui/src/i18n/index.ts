import { createI18n } from 'vue-i18n'
import type { UiLocale } from '../types'
import { uiMessages } from './messages'

/**
 * A vue-i18n instance with only the ui messages, for tests and the gallery. Apps get theirs from
 * the shell, which merges the ui strings with its own. Composition mode (`legacy: false`).
 */
export function createUiI18n(locale: UiLocale = 'zh-CN') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': uiMessages['zh-CN'], en: uiMessages.en },
    missingWarn: false,
    fallbackWarn: false,
  })
}

export { uiMessages }
export { uiMessageSources } from './sources'
export type { UiMessages } from './messages'
