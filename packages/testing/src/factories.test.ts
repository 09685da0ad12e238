import { describe, expect, it } from 'vitest'
import { Device, KioskStaffMember, Me, StaffSession, Team, User } from '@chayi/domain'
import { makeDevice, makeKioskStaff, makeMe, makeStaffSession, makeTeam, makeUser, resetFactories } from './factories.js'

describe('factories', () => {
  it('build values that parse with their domain schemas', () => {
    expect(Team.parse(makeTeam())).toEqual(makeTeam())
    expect(User.safeParse(makeUser()).success).toBe(true)
    expect(Device.safeParse(makeDevice()).success).toBe(true)
    expect(KioskStaffMember.safeParse(makeKioskStaff()).success).toBe(true)
    expect(StaffSession.safeParse(makeStaffSession()).success).toBe(true)
    expect(Me.safeParse(makeMe()).success).toBe(true)
    expect(Me.safeParse(makeMe({ kind: 'device' })).success).toBe(true)
  })

  it('apply overrides and still parse', () => {
    const u = makeUser({ roles: ['leader', 'volunteer'], username: 'wang.xl', displayName: '王秀兰' })
    expect(u).toMatchObject({ roles: ['leader', 'volunteer'], username: 'wang.xl', displayName: '王秀兰', status: 'active' })
    const me = makeMe({ user: { roles: ['care_staff'] }, team: { name: '另一个服务队' } })
    expect(me.kind).toBe('user')
    expect(me.user.roles).toEqual(['care_staff'])
    expect(me.user.teamId).toBe(me.team.id)
    expect(me.team.name).toBe('另一个服务队')
  })

  it('makes a device me, locked or with staff', () => {
    const locked = makeMe({ kind: 'device' })
    expect(locked).toMatchObject({ kind: 'device', staff: null })
    expect(locked.device.teamId).toBe(locked.team.id)
    const s = makeStaffSession()
    const open = makeMe({ kind: 'device', staff: { ...s.staff, expiresAt: s.expiresAt } })
    expect(open.staff?.roles).toEqual(['counter_staff'])
  })

  it('refuse overrides the schema rejects', () => {
    expect(() => makeUser({ phone: '12345' })).toThrow()
    expect(() => makeTeam({ code: 'Not A Code' })).toThrow()
    expect(() => makeStaffSession({ expiresAt: 'tomorrow' })).toThrow()
  })

  it('are deterministic after a reset', () => {
    resetFactories()
    const a = [makeUser(), makeDevice()]
    resetFactories()
    expect([makeUser(), makeDevice()]).toEqual(a)
  })
})
