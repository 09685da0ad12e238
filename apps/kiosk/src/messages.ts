import type { AppMessages } from '@chayi/shell'

/*
 * The kiosk's messages as the shell loads them at start: none of its own. Every kiosk string is a
 * screen's (home, sale, board …) and loads with the screens, both languages at once
 * (src/teahouse/messages.ts, merged by `useTeahouseMessages()` in each screen) — the first download
 * stays inside the kiosk's 60 kB budget. The shell's and the UI kit's strings come with the shell.
 */
export const messages: AppMessages = { 'zh-CN': {} }
