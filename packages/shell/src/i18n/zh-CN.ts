/*
 * The shell's own strings, under `shell.*`, in Chinese (the default and fallback language, always
 * loaded). English is in en.ts, loaded when first shown (sources.ts); the sign-in screens' strings
 * travel with those screens (pages.ts). The English tree is typed by this one, and i18n.test.ts
 * checks both trees have the same keys.
 */
export const zhCN = {
  shell: {
    frame: {
      signOut: '退出登录',
      lock: '锁定',
      unpair: '解除绑定',
    },
    outbox: {
      pending: '{count} 条待发送',
      offline: '离线，联网后自动发送',
      failed: '{count} 条发送失败',
      refusedSignOut: '还有 {count} 条记录没有发送，现在退出会丢失。请联网发送后再退出。',
    },
    who: {
      title: '当前身份',
      name: '姓名',
      team: '服务队',
      roles: '角色',
      device: '设备',
      staff: '当班店员',
      noStaff: '未解锁',
    },
    errors: {
      network_error: '网络连接失败，请检查网络后重试。',
      invalid_credentials: '用户名/手机号或密码不正确。',
      too_many_attempts: '尝试次数过多，请稍后再试。',
      invalid_pin: 'PIN 码不正确。',
      not_found: '没有找到。',
      forbidden: '您的角色不能进行此操作。',
      unauthenticated: '登录已失效，请重新登录。',
      idempotency_key_reused: '这条记录与之前发送的不一致，未被接受。',
      internal_error: '服务器出错了，已记录。请稍后再试。',
      invalid_request: '填写的内容有误，请检查。',
      unknown: '出错了：{message}',
    },
  },
}

export type ShellMessages = typeof zhCN
