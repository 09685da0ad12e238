import type { LocaleMessages } from '@chayi/shell'

/* The volunteer portal's own strings, under `volunteer.*` (messages.test.ts checks both trees match). */
export const messages: LocaleMessages = {
  'zh-CN': {
    volunteer: {
      nav: { home: '首页', me: '我的' },
      home: {
        greeting: '{name}，您好',
        intro: '感谢您为社区付出的每一份时间。',
        comingTitle: '活动报名即将上线',
        comingBody: '服务活动的报名、签到和服务时长记录正在准备中，上线后会在这里显示。',
      },
      me: {
        title: '我的',
        preferences: '显示与语言',
        language: '语言',
        elderlyHint: '字更大、按钮更大、对比更强，适合长辈使用。',
        account: '账号',
        signOutHint: '在公用手机上用完请退出登录。',
        signOut: '退出登录',
      },
    },
  },
  en: {
    volunteer: {
      nav: { home: 'Home', me: 'Me' },
      home: {
        greeting: 'Hello, {name}',
        intro: 'Thank you for every hour you give to the community.',
        comingTitle: 'Activity sign-up is coming',
        comingBody: 'Signing up for service activities, checking in and recording your hours are being prepared; they will appear here.',
      },
      me: {
        title: 'Me',
        preferences: 'Display and language',
        language: 'Language',
        elderlyHint: 'Larger text, larger buttons and stronger contrast, easier for older eyes.',
        account: 'Account',
        signOutHint: 'Sign out when you finish on a shared phone.',
        signOut: 'Sign out',
      },
    },
  },
}
