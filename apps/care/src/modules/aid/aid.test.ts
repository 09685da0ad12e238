import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { makeApp, mountApp, useMockApiHooks } from '../../test-helpers'
import { partnersOf } from '../partners/mocks'
import { aidOf } from './mocks'
import { aidId } from './seed'

// The aid desk against the mock API (the API's routes, roles and codes): the needs board, a need's
// pledges and withdrawal, a delivery with its photos and reversal, the lines, the dashboard, the
// exit desk and monitoring cases, partners' view links and the two public pages.
let wrapper: VueWrapper | undefined
const mock = useMockApiHooks(() => {
  wrapper?.unmount()
  wrapper = undefined
})
const settle = async () => {
  for (let i = 0; i < 8; i++) await flushPromises()
}
const w = () => aidOf(mock.world.state)

describe('the needs board', () => {
  it('lists open and pledged needs with village and estimate, and filters by kind and status', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/aid/needs')
    await settle()
    const rows = () => wrapper!.findAll('.aid-needs tbody tr')
    // Of the 8 demo needs, 2 are delivered and 1 withdrawn; the coal's delivery was reversed (pledged again).
    expect(rows().length).toBe(5)
    const coal = rows().find((r) => r.text().includes('HH-0008'))!
    expect(coal.text()).toContain('次仁村')
    expect(coal.text()).toContain('生活物资')
    const yak = rows().find((r) => r.text().includes('HH-0010'))!
    expect(yak.text()).toContain('达瓦村')
    expect(yak.text()).toContain('¥12,000.00')
    expect(yak.text()).toContain('已认领')
    await wrapper.find('select[name="kind"]').setValue('housing')
    await settle()
    expect(rows()).toHaveLength(1)
    expect(rows()[0]!.text()).toContain('HH-0004')
    await wrapper.find('select[name="kind"]').setValue('')
    await wrapper.find('select[name="status"]').setValue('withdrawn')
    await settle()
    expect(rows()).toHaveLength(1)
    expect(rows()[0]!.text()).toContain('已撤回')
    // A village is asked of the API too: only its households' needs come back.
    await wrapper.find('select[name="status"]').setValue('')
    const dawa = wrapper.findAll('select[name="village"] option').find((o) => o.text().endsWith('达瓦村'))!
    await wrapper.find('select[name="village"]').setValue(dawa.attributes('value'))
    await settle()
    expect(rows().length).toBeGreaterThan(0)
    expect(rows().every((r) => r.text().includes('达瓦村'))).toBe(true)
    expect(rows().some((r) => r.text().includes('HH-0010'))).toBe(true)
  })

  it('is not in the nav of care staff, and is for leaders', async () => {
    mock.signInAs('care')
    wrapper = await mountApp(makeApp(), '/')
    await settle()
    expect(wrapper.find('a[href$="/aid"]').exists()).toBe(false)
  })
})

describe('a need', () => {
  it('records a partner’s pledge in yuan (sent in fen), then withdraws the need with a reason', async () => {
    mock.signInAs('leader')
    const need = w().needs.find((n) => n.kind === 'training')!
    wrapper = await mountApp(makeApp(), `/aid/needs/${need.id}`)
    await settle()
    expect(wrapper.find('.aid-need-status').text()).toBe('待认领')
    const craft = partnersOf(mock.world.state).partners.find((p) => p.name === '锦江区巧手工坊')!
    await wrapper.find('select[name="partnerId"]').setValue(craft.id)
    await wrapper.find('[name="what"]').setValue('竹编手艺培训 12 课时')
    await wrapper.find('[name="amountFen"]').setValue('1,800.50')
    await wrapper.find('form#aid-pledge').trigger('submit')
    await settle()
    expect(w().pledges.at(-1)).toMatchObject({ needId: need.id, partnerId: craft.id, what: '竹编手艺培训 12 课时', amountFen: 180_050 })
    expect(wrapper.find('.aid-pledges').text()).toContain('¥1,800.50')
    expect(wrapper.find('.aid-need-status').text()).toBe('已认领')

    await wrapper.find('.aid-withdraw').trigger('click')
    await settle()
    await wrapper.find('form#aid-withdraw [name="reason"]').setValue('农户已自行报名县里的免费培训')
    await wrapper.find('form#aid-withdraw').trigger('submit')
    await settle()
    expect(need.withdrawnReason).toBe('农户已自行报名县里的免费培训')
    expect(wrapper.find('.aid-need-status').text()).toBe('已撤回')
    expect(wrapper.find('form#aid-pledge').exists()).toBe(false)
  })

  it('shows the deliveries, one reversed, and opens one with its photos and the household’s signature', async () => {
    mock.signInAs('admin')
    const made = makeApp()
    wrapper = await mountApp(made, `/aid/needs/${aidId(301)}`)
    await settle()
    expect(wrapper.find('.aid-delivered').text()).toContain('¥3,000.00')
    const row = wrapper.findAll('.aid-deliveries tbody tr')[0]!
    expect(row.text()).toContain('融新茶业有限公司')
    expect(row.text()).toContain('签字')
    await made.router.push(`/aid/deliveries/${aidId(501)}`)
    await settle()
    expect(wrapper.findAll('img.aid-photo')).toHaveLength(2)
    expect(wrapper.find('img.aid-signature').attributes('src')).toMatch(/^data:image\/png;base64,/)
    expect(wrapper.find('.aid-confirmation').text()).toContain('བཀྲ་ཤིས་ཚེ་རིང་')
    expect(wrapper.text()).toContain('公益基金支出')
  })

  it('reverses a delivery with a reason; the need goes back to pledged', async () => {
    mock.signInAs('leader')
    const made = makeApp()
    wrapper = await mountApp(made, `/aid/deliveries/${aidId(502)}`)
    await settle()
    await wrapper.find('.aid-reverse').trigger('click')
    await settle()
    await wrapper.find('form#aid-reverse').trigger('submit')
    await settle()
    expect(wrapper.text()).toContain('请填写事由')
    await wrapper.find('form#aid-reverse [name="reason"]').setValue('工资记到了另一户')
    await wrapper.find('form#aid-reverse').trigger('submit')
    await settle()
    expect(w().deliveries.find((d) => d.id === aidId(502))!.reversal).toMatchObject({ reason: '工资记到了另一户' })
    expect(wrapper.find('.aid-reversal').text()).toContain('工资记到了另一户')
    expect(wrapper.find('.aid-reverse').exists()).toBe(false)
    await made.router.push(`/aid/needs/${aidId(303)}`)
    await settle()
    expect(wrapper.find('.aid-need-status').text()).toBe('已认领')
    expect(wrapper.find('.aid-deliveries').text()).toContain('已冲销')
  })
})

describe('in English', () => {
  it('labels the needs board and the dashboard in English', async () => {
    localStorage.setItem('chayi.locale', 'en')
    mock.signInAs('leader')
    const made = makeApp()
    wrapper = await mountApp(made, '/aid/needs')
    await settle()
    expect(wrapper.find('h2').text()).toBe('Aid needs')
    expect(wrapper.find('.aid-needs').text()).toContain('Daily necessities')
    expect(wrapper.find('.aid-needs').text()).toContain('Pledged')
    await made.router.push('/aid')
    await settle()
    expect(wrapper.find('.aid-trend').text()).toContain('Monitoring line')
    expect(wrapper.find('.aid-export').attributes('href')!.endsWith('lang=en')).toBe(true)
  })
})

describe('the lines', () => {
  it('lists lines by year and place and adds a village’s line typed in yuan', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/aid/lines')
    await settle()
    const rows = () => wrapper!.findAll('.aid-lines tbody tr')
    expect(rows()).toHaveLength(6)
    expect(wrapper.find('.aid-lines').text()).toContain('全队统一')
    expect(wrapper.find('.aid-lines').text()).toContain('示例县 · 卓玛乡 · 格桑村')
    await wrapper.find('[name="year"]').setValue('2026')
    await wrapper.find('select[name="placeId"]').setValue(aidId(3))
    await wrapper.find('[name="dibaoFen"]').setValue('7000')
    await wrapper.find('[name="monitoringFen"]').setValue('6000')
    await wrapper.find('form#aid-line').trigger('submit')
    await settle()
    expect(wrapper.text()).toContain('监测线不能低于低保标准')
    await wrapper.find('[name="monitoringFen"]').setValue('8,200.5')
    await wrapper.find('form#aid-line').trigger('submit')
    await settle()
    expect(w().lines.at(-1)).toMatchObject({ year: 2026, placeId: aidId(3), dibaoFen: 700_000, monitoringFen: 820_050 })
    expect(rows()).toHaveLength(7)
  })
})

describe('the exit settings', () => {
  it('shows the defaults on the lines screen and saves a shorter stable period; bad numbers stay on the form', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/aid/lines')
    await settle()
    expect((wrapper.find('[name="stableMonths"]').element as HTMLInputElement).value).toBe('6')
    expect((wrapper.find('[name="noticeDays"]').element as HTMLInputElement).value).toBe('5')
    expect((wrapper.find('[name="monitoringMonths"]').element as HTMLInputElement).value).toBe('12')
    await wrapper.find('[name="stableMonths"]').setValue('0')
    await wrapper.find('form#aid-settings').trigger('submit')
    await settle()
    expect(wrapper.text()).toContain('请填写 1 到 36 的整数')
    expect(w().settings).toBeUndefined()
    await wrapper.find('[name="stableMonths"]').setValue('4')
    await wrapper.find('[name="noticeDays"]').setValue('7')
    await wrapper.find('form#aid-settings').trigger('submit')
    await settle()
    expect(w().settings).toEqual({ stableMonths: 4, noticeDays: 7, monitoringMonths: 12 })
  })
})

describe('the dashboard', () => {
  it('shows tiles, the income trend against the lines as chart and table, and an Excel link', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/aid')
    await settle()
    expect(wrapper.find('.aid-tile-households').text()).toContain('12')
    expect(wrapper.find('.aid-trend table').text()).toContain('2025')
    expect(wrapper.find('.aid-trend table').text()).toContain('7,500')
    expect(wrapper.find('.aid-cause table').text()).toContain('因病')
    expect(wrapper.find('.aid-partners').text()).toContain('融新茶业有限公司')
    expect(wrapper.find('.aid-export').attributes('href')!.endsWith('/api/v1/aid/export.xlsx?lang=zh-CN')).toBe(true)
  })
})

describe('the exit desk', () => {
  it('approves a proposal (the notice starts), confirms an ended notice, and marks overdue cases', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/aid/exit')
    await settle()
    expect(wrapper.find('.aid-awaiting').text()).toContain('HH-0003')
    expect(wrapper.find('.aid-candidates').text()).toContain('HH-0008')
    const notices = () => wrapper!.findAll('.aid-notices li')
    expect(notices()).toHaveLength(2)
    const running = notices().find((l) => l.text().includes('HH-0007'))!
    expect(running.find('.aid-confirm').attributes('disabled')).toBeDefined()

    await wrapper.find('.aid-approve').trigger('click')
    await settle()
    await wrapper.find('form#aid-approve [name="reason"]').setValue('材料齐全，同意公示')
    await wrapper.find('form#aid-approve').trigger('submit')
    await settle()
    expect(w().exits.find((e) => e.householdId === aidId(102))!.state).toBe('notice')
    expect(wrapper.find('.aid-awaiting').text()).toContain('没有待审批的退出')
    expect(notices()).toHaveLength(3)

    const ended = notices().find((l) => l.text().includes('HH-0006'))!
    expect(ended.text()).toContain('公示期满')
    await ended.find('.aid-confirm').trigger('click')
    await settle()
    // Asked once more before the household leaves assistance: nothing is sent until then.
    expect(wrapper.find('dialog[open]').text()).toContain('确认 HH-0006 退出？')
    expect(w().exits.find((e) => e.householdId === aidId(105))!.state).toBe('notice')
    await wrapper.find('dialog[open] .aid-confirm-yes').trigger('click')
    await settle()
    expect(w().exits.find((e) => e.householdId === aidId(105))!.state).toBe('confirmed')
    expect(w().households.find((h) => h.id === aidId(105))!.status).toBe('monitored')

    const cases = wrapper.findAll('.aid-cases tbody tr')
    expect(cases).toHaveLength(3)
    expect(cases.filter((r) => r.find('.aid-overdue').exists()).length).toBeGreaterThanOrEqual(1)
    expect(wrapper.find('.aid-cases').text()).toContain('突发大病')
    await wrapper.find('select[name="caseState"]').setValue('closed')
    await settle()
    expect(wrapper.findAll('.aid-cases tbody tr')).toHaveLength(1)
    expect(wrapper.find('.aid-cases').text()).toContain('纳入监测对象')
  })
})

describe('the exit desk names the team’s own periods', () => {
  it('says the notice, stable and monitoring periods the leaders set, not the defaults', async () => {
    mock.signInAs('leader')
    w().settings = { stableMonths: 9, noticeDays: 7, monitoringMonths: 24 }
    wrapper = await mountApp(makeApp(), '/aid/exit')
    await settle()
    expect(wrapper.text()).toContain('审批后公示 7 天，期满无异议再确认退出，之后监测 24 个月')
    expect(wrapper.text()).toContain('收入稳定高于监测线满 9 个月')
  })
})

describe('the exit rule refused on approval', () => {
  it('names the reasons in the console’s language, and nothing changes', async () => {
    mock.signInAs('leader')
    const open = w().cases.find((c) => c.decidedAt === null)!
    w().cases.push({ ...open, id: aidId(990), householdId: aidId(102) })
    wrapper = await mountApp(makeApp(), '/aid/exit')
    await settle()
    await wrapper.find('.aid-approve').trigger('click')
    await settle()
    await wrapper.find('form#aid-approve [name="reason"]').setValue('材料齐全，同意公示')
    await wrapper.find('form#aid-approve').trigger('submit')
    await settle()
    expect(wrapper.find('form#aid-approve').text()).toContain('不符合退出条件：有未结的防返贫监测案件')
    expect(wrapper.find('form#aid-approve').text()).not.toContain('undecided')
    expect(w().exits.find((e) => e.householdId === aidId(102))!.state).toBe('proposed')
  })
})

describe('who did it', () => {
  it('names the API’s actors: an account by its display name, the system as such', async () => {
    mock.signInAs('leader')
    const worker = mock.world.state.users.find((u) => u.user.roles.includes('aid_worker')) ?? mock.world.state.users[0]!
    const need = w().needs.find((n) => n.kind === 'training')!
    need.createdBy = `user:${worker.user.id}`
    const made = makeApp()
    wrapper = await mountApp(made, `/aid/needs/${need.id}`)
    await settle()
    expect(wrapper.text()).toContain(worker.user.displayName)
    expect(wrapper.text()).not.toContain('user:')
    need.createdBy = 'system:demo'
    await made.router.push('/aid/needs')
    await made.router.push(`/aid/needs/${need.id}`)
    await settle()
    expect(wrapper.text()).toContain('系统')
    expect(wrapper.text()).not.toContain('system:demo')
  })
})

describe('a monitoring case', () => {
  it('records the overdue home check with the six findings, then decides it; bad input stays on the form', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/aid/exit')
    await settle()
    const kase = w().cases.find((c) => c.id === aidId(703))!
    expect(kase.homeCheckOverdue).toBe(true)
    const row = () => wrapper!.findAll('.aid-cases tbody tr').find((r) => r.text().includes(kase.householdCode))!
    expect(row().find('.aid-decide').exists()).toBe(false)
    await row().find('.aid-check').trigger('click')
    await settle()
    const form = () => wrapper!.find('form#aid-home-check')
    expect(form().findAll('input[type="checkbox"]')).toHaveLength(6)
    expect(form().text()).toContain('饮水安全有保障')
    await form().trigger('submit')
    await settle()
    expect(wrapper.text()).toContain('请填写事由')
    expect(kase.homeCheckAt).toBeNull()
    await form().find('input[name="findings.housing"]').setValue(false)
    await form().find('[name="note"]').setValue('雪灾压塌羊圈，住房一角开裂，已联系乡里')
    await form().trigger('submit')
    await settle()
    expect(kase).toMatchObject({ homeCheckNote: '雪灾压塌羊圈，住房一角开裂，已联系乡里', homeCheckFindings: { food: true, clothing: true, schooling: true, medical: true, housing: false, water: true }, homeCheckOverdue: false })
    expect(wrapper.find('form#aid-home-check').exists()).toBe(false)
    expect(row().text()).toContain('已于')

    await row().find('.aid-decide').trigger('click')
    await settle()
    const decide = () => wrapper!.find('form#aid-decision')
    await decide().find('[name="note"]').setValue('危房改造纳入帮扶')
    await decide().trigger('submit')
    await settle()
    expect(wrapper.text()).toContain('请选择研判结论')
    await decide().find('input[value="assist"]').setValue(true)
    await decide().trigger('submit')
    await settle()
    expect(kase).toMatchObject({ decision: 'assist', decisionNote: '危房改造纳入帮扶', overdue: false })
    // Decided: no longer among the open cases.
    expect(wrapper.find('.aid-cases').text()).not.toContain(kase.householdCode)
  })

  it('shows the English labels of the checklist and the decisions', async () => {
    mock.signInAs('leader')
    localStorage.setItem('chayi.locale', 'en')
    wrapper = await mountApp(makeApp(), '/aid/exit')
    await settle()
    const kase = w().cases.find((c) => c.id === aidId(701))!
    await wrapper.findAll('.aid-cases tbody tr').find((r) => r.text().includes(kase.householdCode))!.find('.aid-decide').trigger('click')
    await settle()
    const text = wrapper.find('form#aid-decision').text()
    expect(text).toContain('Risk cleared: close')
    expect(text).toContain('Assist again')
  })
})

describe('an objection during the notice', () => {
  it('withdraws the exit and the household is assisted again', async () => {
    mock.signInAs('admin')
    wrapper = await mountApp(makeApp(), '/aid/exit')
    await settle()
    const running = wrapper.findAll('.aid-notices li').find((l) => l.text().includes('HH-0007'))!
    await running.find('.aid-object').trigger('click')
    await settle()
    await wrapper.find('form#aid-object [name="reason"]').setValue('村民反映该户长子已失业三个月')
    await wrapper.find('form#aid-object').trigger('submit')
    await settle()
    expect(w().exits.find((e) => e.householdId === aidId(106))).toMatchObject({ state: 'withdrawn', objectionNote: '村民反映该户长子已失业三个月' })
    expect(w().households.find((h) => h.id === aidId(106))!.status).toBe('assisted')
    expect(wrapper.find('.aid-notices').text()).not.toContain('HH-0007')
  })
})

describe('partners’ view links and the public pages', () => {
  it('issues a link shown once, lists and revokes it', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/aid/links')
    await settle()
    expect(wrapper.findAll('.aid-links tbody tr')).toHaveLength(2)
    const shop = partnersOf(mock.world.state).partners.find((p) => p.name === '融新粮油店')!
    await wrapper.find('select[name="partnerId"]').setValue(shop.id)
    await wrapper.find('form#aid-link').trigger('submit')
    await settle()
    const token = w().links.at(-1)!.token
    expect((wrapper.find('input[name="url"]').element as HTMLInputElement).value).toContain(`/p/${token}`)
    const rows = wrapper.findAll('.aid-links tbody tr')
    expect(rows).toHaveLength(3)
    await rows[0]!.find('.aid-link-revoke').trigger('click')
    await settle()
    expect(w().links.at(-1)!.revokedAt).not.toBeNull()
  })

  it('is one click from a partner’s detail, with the partner chosen', async () => {
    mock.signInAs('leader')
    const made = makeApp()
    const tea = partnersOf(mock.world.state).partners.find((p) => p.name === '融新茶业有限公司')!
    wrapper = await mountApp(made, `/partners/${tea.id}`)
    await settle()
    expect(wrapper.find('.partners-aid-link').attributes('href')).toContain(`/aid/links?partner=${tea.id}`)
    await made.router.push(`/aid/links?partner=${tea.id}`)
    await settle()
    expect((wrapper.find('select[name="partnerId"]').element as HTMLSelectElement).value).toBe(tea.id)
  })

  it('opens a partner’s redacted view without signing in, and says so when the link is revoked', async () => {
    wrapper = await mountApp(makeApp(), `/p/${w().links[0]!.token}`)
    await settle()
    expect(wrapper.find('.aid-public-households').text()).toContain('3')
    expect(wrapper.text()).toContain('HH-0001')
    expect(wrapper.text()).toContain('达瓦村')
    // Codes and bands only: no head's name.
    expect(wrapper.text()).not.toContain('扎西次仁')
    wrapper.unmount()
    wrapper = await mountApp(makeApp(), `/p/${w().links[1]!.token}`)
    await settle()
    expect(wrapper.text()).toContain('这个链接无效或已作废')
  })

  it('shows the exit notices of a team with their dates, and Tibetan names', async () => {
    wrapper = await mountApp(makeApp(), `/notices?team=${mock.world.state.team.code}`)
    await settle()
    const items = wrapper.findAll('.aid-notice')
    expect(items.length).toBeGreaterThanOrEqual(2)
    expect(wrapper.text()).toContain('པདྨ་སྒྲོལ་མ་')
    expect(wrapper.text()).toContain('公示中')
    await vi.waitFor(() => expect(wrapper!.text()).toContain('公示期：'))
  })
})

describe('long lists page on instead of stopping at one page', () => {
  const more = () => wrapper!.find('.c-table__footer button')

  it('loads more needs with the cursor, and names villages of households past the first 200', async () => {
    mock.signInAs('leader')
    const world = w()
    const home = world.households.find((h) => h.code === 'HH-0001')!
    // 200 households before the demo ones: the needs' households are all on the second page.
    world.households.unshift(...Array.from({ length: 200 }, (_, i) => ({ ...home, id: aidId(5000 + i), code: `HH-9${String(i).padStart(3, '0')}`, placePath: [...home.placePath.slice(0, -1), '别的村'] })))
    // 130 older open needs beyond the 8 of the demo: two pages of 100.
    const oldest = world.needs.reduce((a, n) => (n.createdAt < a ? n.createdAt : a), world.needs[0]!.createdAt)
    for (let i = 0; i < 130; i++) {
      const at = new Date(new Date(oldest).getTime() - (i + 1) * 3_600_000).toISOString()
      world.needs.push({ ...world.needs[0]!, id: aidId(6000 + i), householdId: home.id, description: `第 ${i + 1} 条旧需求`, createdAt: at, updatedAt: at })
    }
    wrapper = await mountApp(makeApp(), '/aid/needs')
    await settle()
    const rows = () => wrapper!.findAll('.aid-needs tbody tr')
    // The first page, filtered on the server: the 5 open or pledged demo needs and the 95 newest of the old ones.
    expect(rows()).toHaveLength(100)
    expect(rows().find((r) => r.text().includes('HH-0008'))!.text()).toContain('次仁村')
    expect(wrapper.find('.aid-needs').text()).toContain('第 95 条旧需求')
    expect(wrapper.find('.aid-needs').text()).not.toContain('第 96 条旧需求')
    expect(more().text()).toBe('加载更多')
    await more().trigger('click')
    await settle()
    expect(rows()).toHaveLength(135)
    expect(wrapper.find('.aid-needs').text()).toContain('第 130 条旧需求')
    expect(more().exists()).toBe(false)
    // A filter asks again from the first page.
    await wrapper.find('select[name="status"]').setValue('withdrawn')
    await settle()
    expect(rows()).toHaveLength(1)
  })

  it('loads more monitoring cases on the exit desk', async () => {
    mock.signInAs('leader')
    const world = w()
    const open = world.cases.find((c) => c.decidedAt === null)!
    for (let i = 0; i < 25; i++) {
      const at = new Date(Date.parse('2020-01-01T03:00:00.000Z') - i * 86_400_000).toISOString()
      world.cases.push({ ...open, id: aidId(7000 + i), householdCode: `HH-8${String(i).padStart(3, '0')}`, openedAt: at })
    }
    wrapper = await mountApp(makeApp(), '/aid/exit')
    await settle()
    const rows = () => wrapper!.findAll('.aid-cases tbody tr')
    expect(rows()).toHaveLength(20)
    await more().trigger('click')
    await settle()
    expect(rows()).toHaveLength(28)
    expect(wrapper.find('.aid-cases').text()).toContain('HH-8024')
    expect(wrapper.find('.aid-cases .c-table__footer').exists()).toBe(false)
  })
})
