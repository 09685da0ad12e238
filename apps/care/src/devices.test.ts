import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { useToast } from '@chayi/ui'
import { makeApp, mountApp, useMockApiHooks } from './test-helpers'

let wrapper: VueWrapper | undefined
const mock = useMockApiHooks(() => {
  wrapper?.unmount()
  wrapper = undefined
})

const rows = (w: VueWrapper) => w.findAll('.care-devices tbody tr')
const status = (w: VueWrapper) => rows(w).map((tr) => tr.findAll('td')[3]!.text())

function twoDevices() {
  const s = mock.world.state
  s.addDevice('茶馆柜台平板')
  const old = s.addDevice('旧平板')
  old.device = { ...old.device, revokedAt: new Date(Date.UTC(2026, 0, 2)).toISOString() }
}

describe('devices', () => {
  it('lists the paired tablets with paired and revoked badges', async () => {
    twoDevices()
    mock.signInAs('admin')
    const made = makeApp()
    wrapper = await mountApp(made, '/devices')
    expect(rows(wrapper).map((tr) => tr.find('td').text())).toEqual(['茶馆柜台平板', '旧平板'])
    expect(status(wrapper)).toEqual(['已绑定', '已吊销'])
    // Only the live tablet can be revoked.
    expect(rows(wrapper).map((tr) => tr.find('.care-revoke').exists())).toEqual([true, false])
    made.i18n.global.locale.value = 'en'
    await flushPromises()
    expect(status(wrapper)).toEqual(['Paired', 'Revoked'])
  })

  it('says so when no tablet is paired', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/devices')
    expect(wrapper.find('.care-devices').text()).toContain('还没有绑定任何平板。')
  })

  it('makes a pairing code and shows its 8 digits and expiry', async () => {
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/devices')
    await wrapper.find('.care-pair').trigger('click')
    await flushPromises()
    const name = wrapper.find('dialog input[name="name"]')
    expect((name.element as HTMLInputElement).value).toBe('茶馆柜台平板')
    await name.setValue('二号柜台平板')
    await wrapper.find('form#care-pair-kiosk').trigger('submit')
    await flushPromises()

    const digits = wrapper.find('.care-code__digits')
    const code = digits.attributes('data-code')!
    expect(code).toMatch(/^\d{8}$/)
    expect(digits.text()).toBe(`${code.slice(0, 4)} ${code.slice(4)}`)
    expect(wrapper.find('.care-code__for').text()).toBe('用于“二号柜台平板”')
    expect(wrapper.find('.care-code__expires').text()).toMatch(/^\d{2}:\d{2} 前有效，只能使用一次。$/)
    // The mock now accepts exactly this code from a tablet.
    expect(mock.world.state.pairingCodes.get(code)).toBe('二号柜台平板')
  })

  it('lets an admin revoke a tablet after confirming, and not a leader', async () => {
    twoDevices()
    mock.signInAs('admin')
    wrapper = await mountApp(makeApp(), '/devices')
    await wrapper.find('.care-revoke').trigger('click')
    await flushPromises()
    expect(wrapper.find('dialog[open]').text()).toContain('“茶馆柜台平板”将立即无法使用')
    expect(mock.world.state.devices[0]!.device.revokedAt).toBeNull() // nothing happens before confirming
    await wrapper.find('.care-revoke-confirm').trigger('click')
    await vi.waitFor(() => expect(status(wrapper!)).toEqual(['已吊销', '已吊销']))
    expect(mock.world.state.devices[0]!.device.revokedAt).not.toBeNull()
    expect(useToast().toasts.map((t) => t.message)).toContain('已吊销：茶馆柜台平板')

    wrapper.unmount()
    mock.signInAs('leader')
    wrapper = await mountApp(makeApp(), '/devices')
    expect(wrapper.find('.care-revoke').exists()).toBe(false)
    expect(wrapper.find('.care-devices thead').text()).not.toContain('操作')
  })
})
