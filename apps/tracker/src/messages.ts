import type { LocaleMessages } from '@chayi/shell'

/* The tracker's own strings, under `tracker.*`; messages.test.ts checks both trees have the same keys. */
const zhCN = {
  tracker: {
    nav: { home: '首页', me: '我的' },
    home: {
      hello: '{name}，您好',
      sync: '网络与同步',
      network: '网络',
      online: '在线',
      offline: '离线',
      onlineHint: '记录会直接发送到服务器。',
      offlineHint: '没有网络：记录先保存在本机，联网后自动按顺序发送。',
      unsent: '待发送',
      unsentCount: '{count} 条',
      allSent: '全部已发送',
      stale: '暂时连不上服务器：显示的是上次登录时的信息。',
      next: '即将上线',
      nextBody: '帮扶户、结对帮扶、入户走访和收入记录，将随“情系藏区”帮扶功能一起上线。',
    },
    me: {
      title: '我的',
      settings: '设置',
      language: '语言',
      elderly: '大字和大按钮，更容易看清和点按。',
      signOut: '退出登录',
      signOutHint: '还有记录没有发送时不能退出，否则这些记录会丢失。',
    },
  },
}

type Tree = typeof zhCN

const en: Tree = {
  tracker: {
    nav: { home: 'Home', me: 'Me' },
    home: {
      hello: 'Hello, {name}',
      sync: 'Network and sync',
      network: 'Network',
      online: 'Online',
      offline: 'Offline',
      onlineHint: 'Records go straight to the server.',
      offlineHint: 'No network: records are kept on this device and sent in order once it is back.',
      unsent: 'Unsent',
      unsentCount: '{count}',
      allSent: 'All sent',
      stale: 'The server cannot be reached: showing what was remembered from the last sign-in.',
      next: 'Coming next',
      nextBody: 'Households, pairings, field visits and income records arrive with the Tibetan-area assistance features.',
    },
    me: {
      title: 'Me',
      settings: 'Settings',
      language: 'Language',
      elderly: 'Larger text and buttons, easier to read and tap.',
      signOut: 'Sign out',
      signOutHint: 'Signing out is refused while records are unsent: they would be lost.',
    },
  },
}

export const messages: LocaleMessages = { 'zh-CN': zhCN, en }
