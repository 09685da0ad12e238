import { useI18n } from 'vue-i18n'
import type { LocaleMessages } from '../types.js'

/*
 * The strings of the shell's own screens — sign-in, pairing, staff PIN, no access, the outbox panel — in both
 * languages. They load with those screens (each is a chunk of its own), so an app that opens
 * signed in, such as an unlocked kiosk, never downloads them. i18n.test.ts checks both trees have
 * the same keys (through shellMessages, which includes them).
 */
const zhCN = {
  shell: {
    signIn: {
      title: '登录',
      login: '用户名或手机号',
      loginHint: '手机号为 11 位数字',
      password: '密码',
      submit: '登录',
      busy: '正在登录…',
    },
    pair: {
      title: '绑定这台平板',
      intro: '请管理员在关爱中心台生成 8 位绑定码，并在下面输入。',
      code: '8 位绑定码',
      submit: '绑定',
      done: '已绑定：{name}',
      format: '请输入 8 位数字',
      invalid: '绑定码无效、已过期或已被使用',
    },
    pin: {
      title: '店员解锁',
      choose: '请选择您的名字',
      enter: '{name}，请输入 PIN 码',
      digit: '数字 {digit}',
      delete: '删除一位',
      clear: '清空',
      back: '换人',
      unlock: '解锁',
      none: '还没有可以解锁这台平板的店员。',
      entered: '已输入 {count} 位',
      short: 'PIN 码为 4 到 6 位数字',
    },
    changePassword: {
      title: '设置新密码',
      intro: '管理员为您设置了临时密码。请先设置您自己的密码，才能继续使用。',
      current: '当前密码',
      currentHint: '即管理员交给您的临时密码',
      new: '新密码',
      newHint: '至少 8 位，不能与当前密码相同',
      confirm: '再次输入新密码',
      submit: '保存新密码',
      signOut: '退出登录',
      tooShort: '新密码至少 8 位',
      same: '新密码不能与当前密码相同',
      mismatch: '两次输入的新密码不一致',
      wrong: '当前密码不正确',
      done: '密码已更新',
    },
    /** The outbox panel (it opens from the top bar's badge, in a chunk of its own). */
    outbox: {
      allSent: '已全部发送',
      title: '待发送的记录',
      failedIntro: '服务器拒绝了下面的记录。修改情况后重试，或放弃这条；在处理之前，后面的记录会等待。',
      failedIntroApp: '服务器拒绝了下面的记录，需要在应用里处理；在处理之前，后面的记录会等待。',
      waiting: '还有 {count} 条在排队，联网后按顺序发送。',
      retry: '重试',
      discard: '放弃这条',
      resolve: '去处理',
      handled: '这条要在应用里处理：先看清情况再决定，这里不能直接放弃。',
    },
    noAccess: {
      title: '没有权限',
      body: '您的账号（{roles}）不能使用“{app}”。如需使用，请联系管理员。',
      noRoles: '无角色',
      switch: '换个账号登录',
      home: '回到首页',
    },
  },
}

const en: typeof zhCN = {
  shell: {
    signIn: {
      title: 'Sign in',
      login: 'Username or phone number',
      loginHint: 'Phone numbers have 11 digits',
      password: 'Password',
      submit: 'Sign in',
      busy: 'Signing in…',
    },
    pair: {
      title: 'Pair this tablet',
      intro: 'Ask an administrator for an 8-digit pairing code from the care-centre console and type it below.',
      code: '8-digit pairing code',
      submit: 'Pair',
      done: 'Paired: {name}',
      format: 'Enter the 8 digits',
      invalid: 'This code is wrong, expired or already used',
    },
    pin: {
      title: 'Staff unlock',
      choose: 'Choose your name',
      enter: '{name}, enter your PIN',
      digit: 'Digit {digit}',
      delete: 'Delete one digit',
      clear: 'Clear',
      back: 'Someone else',
      unlock: 'Unlock',
      none: 'No staff can unlock this tablet yet.',
      entered: '{count} digits entered',
      short: 'A PIN has 4 to 6 digits',
    },
    changePassword: {
      title: 'Choose a new password',
      intro: 'An administrator gave you a temporary password. Choose your own password to go on.',
      current: 'Current password',
      currentHint: 'The temporary password the administrator gave you',
      new: 'New password',
      newHint: 'At least 8 characters, not the current one',
      confirm: 'New password again',
      submit: 'Save new password',
      signOut: 'Sign out',
      tooShort: 'The new password needs at least 8 characters',
      same: 'The new password must differ from the current one',
      mismatch: 'The two new passwords differ',
      wrong: 'The current password is not right',
      done: 'Password changed',
    },
    outbox: {
      allSent: 'All sent',
      title: 'Records waiting to send',
      failedIntro: 'The server refused the records below. Retry once the cause is fixed, or give one up; later records wait until then.',
      failedIntroApp: 'The server refused the records below; they are resolved in the app. Later records wait until then.',
      waiting: '{count} more are queued and go out in order when online.',
      retry: 'Retry',
      discard: 'Give this one up',
      resolve: 'Resolve…',
      handled: 'This one is resolved in the app, where you see what is at stake before choosing; it cannot be given up here.',
    },
    noAccess: {
      title: 'No access',
      body: 'Your account ({roles}) may not use “{app}”. Ask an administrator if you need it.',
      noRoles: 'no roles',
      switch: 'Sign in as someone else',
      home: 'Back to the start',
    },
  },
}

export const pageMessages: LocaleMessages = { 'zh-CN': zhCN, en }

const added = new WeakSet<object>()

/** Called first in each of those screens' setup: adds their strings to the app's messages once. */
export function usePageMessages() {
  const i18n = useI18n({ useScope: 'global' })
  if (added.has(i18n)) return
  added.add(i18n)
  for (const [locale, tree] of Object.entries(pageMessages)) i18n.mergeLocaleMessage(locale, tree)
}
