import { decideVolunteer, hashPassword, registerVolunteer, saveVolunteerSettings, transact, type Deps } from '@chayi/api'
import type { VolunteerRegistration } from '@chayi/domain'
import { demoPeople, residentIdFor } from './people.js'

/** How many fictional volunteers the demo team has (the seed's team has 800+). */
export const DEMO_VOLUNTEER_COUNT = 830
const BATCH = 100

/**
 * Registers the demo team's volunteers through the same service as the public registration form
 * and has the demo leader decide them, so numbers, roles and the audit chain are as in real use.
 * Every demo volunteer can sign in with their phone and the demo password (hashed once).
 * The demo `volunteer` and `leader` accounts get a volunteer profile of their own too.
 */
export async function seedDemoVolunteers(deps: Deps, teamId: string, opts: { password: string; count?: number }): Promise<{ active: number; pending: number; rejected: number }> {
  const now = deps.clock.now()
  const passwordHash = await hashPassword(opts.password)
  const leader = await deps.db.selectFrom('users').select('id').where('teamId', '=', teamId).where('username', '=', 'leader').executeTakeFirstOrThrow()
  const asLeader = { teamId, actor: `user:${leader.id}` }
  const tally = { active: 0, pending: 0, rejected: 0 }

  // The demo accounts that serve as volunteers themselves: numbers 1 and 2.
  const own = await deps.db.selectFrom('users').select(['id', 'username', 'displayName']).where('teamId', '=', teamId).where('username', 'in', ['volunteer', 'leader']).orderBy('username', 'desc').execute()
  await transact(deps, asLeader, async (w) => {
    // Printed on every certificate (志愿服务证明): who answers for the team and how to reach it.
    await saveVolunteerSettings(w, { starThresholds: [100, 300, 600, 1000, 1500], personInCharge: '张国强', contact: '028-8460 2026（幸福社区党群服务中心）' })
    for (const [i, u] of own.entries()) {
      const birthDate = u.username === 'volunteer' ? '1995-04-12' : '1978-09-03'
      const reg: VolunteerRegistration = {
        realName: u.displayName,
        phone: u.username === 'volunteer' ? '13800000001' : '13800000002',
        idType: 'resident_id',
        idNumber: residentIdFor(birthDate, 900 + i),
        gender: 'male',
        birthDate,
        affiliations: u.username === 'volunteer' ? [{ kind: 'enterprise_employee', unit: '成都蜀茶文化有限公司' }] : [{ kind: 'community_worker', unit: '幸福社区居委会' }, { kind: 'party_member', unit: '幸福社区党支部' }],
        skills: u.username === 'volunteer' ? ['急救', '茶艺', '摄影'] : ['驾驶', '心理疏导'],
        availability: '周末',
        emergencyContact: { name: '李秀英', phone: '13900000009', relation: '母亲' },
        password: opts.password,
      }
      const row = await registerVolunteer(w, deps.cipher, reg, now, { existingUserId: u.id })
      await decideVolunteer(w, row.id, { approve: true })
      tally.active++
    }
    return { status: 201, body: null }
  })

  const people = demoPeople(opts.count ?? DEMO_VOLUNTEER_COUNT, now)
  for (let start = 0; start < people.length; start += BATCH) {
    await transact(deps, asLeader, async (w) => {
      for (const p of people.slice(start, start + BATCH)) {
        const row = await registerVolunteer(w, deps.cipher, p.registration, now, { passwordHash })
        if (p.outcome === 'pending') {
          tally.pending++
          continue
        }
        await decideVolunteer(w, row.id, p.outcome === 'active' ? { approve: true } : { approve: false, note: '资料不全，请补充后重新申请' })
        tally[p.outcome]++
      }
      return { status: 201, body: null }
    })
  }
  return tally
}
