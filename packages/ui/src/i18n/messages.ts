import type { UiLocale } from '../types'
import { en } from './en'
import { zhCN, type UiMessages } from './zh-CN'

/**
 * Both languages at once, for tests, the gallery and createUiI18n. Apps get theirs through the
 * shell, which loads English only when it is shown (`uiMessageSources`).
 */
export const uiMessages: Record<UiLocale, UiMessages> = { 'zh-CN': zhCN, en }
export type { UiMessages }
