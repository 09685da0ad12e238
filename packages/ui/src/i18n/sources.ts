import { zhCN, type UiMessages } from './zh-CN'

/**
 * The ui strings as the shell loads them: Chinese with the app (the default, and the fallback for
 * anything missing), English from its own chunk the first time it is needed.
 */
export const uiMessageSources: { 'zh-CN': UiMessages; en: () => Promise<UiMessages> } = {
  'zh-CN': zhCN,
  en: () => import('./en').then((m) => m.en),
}
