import { DEMO_PASSWORD, DEMO_PIN, type DemoAccount } from './demo.js'
import { APPS } from './pages/apps.js'

/** The database as it may be shown: a PostgreSQL URL loses its password. */
export function describeDatabase(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) return url
  try {
    const u = new URL(url)
    u.password = ''
    return u.toString()
  } catch {
    return 'postgres://…'
  }
}

export function banner(opts: { url: string; host: string; database: string; demo: DemoAccount[] }): string {
  const { url } = opts
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(1, n - s.length))
  const links: [string, string][] = [
    [`${url}/`, '首页 Launcher'],
    ...APPS.map((a): [string, string] => [`${url}${a.base}`, `${a.title['zh-CN']} ${a.title.en}`]),
    [`${url}/kiosk/board`, '公开看板 Public board'],
    [`${url}/api/docs`, 'API 文档 API docs'],
  ]
  const width = Math.max(...links.map(([u]) => u.length)) + 2
  const lines = ['', '  茶义 Chayi 已启动 · is running', '']
  for (const [u, label] of links) lines.push(`  ${pad(u, width)}${label}`)
  lines.push('', `  database · 数据库: ${opts.database}`)
  if (opts.host === '0.0.0.0' || opts.host === '::') lines.push('  listening on every network interface · 局域网内其他设备也可访问')
  if (opts.demo.length) {
    lines.push('', `  Demo accounts · 演示账号   password · 密码: ${DEMO_PASSWORD}`)
    lines.push(`  ${pad('username', 12)}${pad('role', 16)}name`)
    for (const a of opts.demo) lines.push(`  ${pad(a.username, 12)}${pad(a.role, 16)}${pad(a.displayName, 8)}${a.pin ? `kiosk PIN · 平板密码 ${DEMO_PIN}` : ''}`)
    lines.push('  (demo data only — set CHAYI_DEMO=0 for real use · 正式使用请设置 CHAYI_DEMO=0)')
  }
  lines.push('')
  return lines.join('\n')
}
