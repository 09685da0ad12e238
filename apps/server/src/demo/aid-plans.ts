import { addMeasure, addPledge, changeMeasureStatus, createNeed, newId, recordDelivery, transact, type Deps } from '@chayi/api'
import type { AidConfirmMethod, AidIncomeComponentName, AidNeedKind, AssistanceMeasureKind } from '@chayi/domain'
import { prng, type Prng } from './people.js'
import { demoPicture } from './picture.js'

// 情系藏区 demo, plans: each of the demo households gets 1–3 measures (一户一策); about 25 needs of
// every kind are posted, most pledged by the household's paired partner, and about 15 delivered
// with a photo and the household's confirmation; jobs and produce purchases credit the household's
// wages or business income. Runs after seedDemoAid (households and pairings). All made up.

/** The same, standing in for a signature or thumbprint drawn on the device. */
const MARK = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='

const MEASURES: { kind: AssistanceMeasureKind; content: string; amountFen?: number; byPartner?: boolean }[] = [
  { kind: 'industry', content: '发展牦牛养殖，配发能繁母牦牛 2 头', amountFen: 1_200_000 },
  { kind: 'employment', content: '推荐户主到结对企业茶厂季节性务工', byPartner: true },
  { kind: 'education_training', content: '参加藏茶加工技能培训（15 天）', amountFen: 150_000, byPartner: true },
  { kind: 'health', content: '家庭医生签约，慢性病每季度随访' },
  { kind: 'housing', content: '农房抗震加固改造', amountFen: 3_500_000 },
  { kind: 'consumption', content: '结对企业定向收购青稞、虫草等农特产品', byPartner: true },
  { kind: 'social_security', content: '落实低保及残疾人两项补贴' },
  { kind: 'living_conditions', content: '入户自来水管道改造', amountFen: 260_000 },
  { kind: 'finance', content: '申请脱贫人口小额信贷 5 万元', amountFen: 5_000_000 },
]

const NEEDS: Record<AidNeedKind, { description: string; estimatedFen?: number; what: string; valueFen: number; credit?: AidIncomeComponentName }> = {
  school_aid: { description: '子女就读高中，学费和住宿费有缺口', estimatedFen: 300_000, what: '资助本学年学费和住宿费', valueFen: 300_000 },
  medical: { description: '户主慢性病长期用药，自付部分负担重', estimatedFen: 200_000, what: '送药并陪同到县医院复诊', valueFen: 150_000 },
  housing: { description: '房屋墙体开裂，需加固', estimatedFen: 2_000_000, what: '捐赠水泥、钢筋等建材', valueFen: 1_500_000 },
  industry: { description: '想扩大青稞种植，缺良种和销路', estimatedFen: 500_000, what: '按保护价收购青稞 1500 斤', valueFen: 450_000, credit: 'businessFen' },
  jobs: { description: '家中有劳动力，希望就近务工', what: '安排到茶厂包装车间务工 6 个月', valueFen: 2_400_000, credit: 'wagesFen' },
  training: { description: '家中青年想学厨师手艺', estimatedFen: 400_000, what: '资助参加县职校厨师培训班', valueFen: 400_000 },
  daily_necessities: { description: '冬季取暖物资不足', estimatedFen: 80_000, what: '棉被 2 床、取暖煤 1 吨', valueFen: 80_000 },
}
const NEED_KINDS = Object.keys(NEEDS) as AidNeedKind[]
const METHODS: AidConfirmMethod[] = ['signature', 'thumbprint', 'verbal']

export interface DemoAidPlans {
  measures: number
  needs: number
  pledges: number
  deliveries: number
  credits: number
}

/** A handover date in the past few months (China calendar), never in the future. */
function pastDay(r: Prng, now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000 - r.int(3, 200) * 86_400_000).toISOString().slice(0, 10)
}

/** Seeds measures, needs, pledges and deliveries for a team seeded by seedDemoAid. */
export async function seedDemoAidPlans(deps: Deps, teamId: string): Promise<DemoAidPlans> {
  const r = prng(91)
  const now = deps.clock.now()
  const households = await deps.db.selectFrom('aidHouseholds').select(['id', 'code']).where('teamId', '=', teamId).orderBy('code').execute()
  const pairings = await deps.db.selectFrom('aidPairings').select(['householdId', 'partnerId']).where('teamId', '=', teamId).where('endedAt', 'is', null).execute()
  const partnerOf = new Map(pairings.map((p) => [p.householdId, p.partnerId]))
  const out: DemoAidPlans = { measures: 0, needs: 0, pledges: 0, deliveries: 0, credits: 0 }

  for (const [i, h] of households.entries()) {
    const partnerId = partnerOf.get(h.id) ?? null
    await transact(deps, { teamId, actor: 'system:demo' }, async (w) => {
      for (let k = r.int(1, 3), start = r.int(0, MEASURES.length - 1); k > 0; k--) {
        const m = MEASURES[(start + k) % MEASURES.length]!
        const made = await addMeasure(w, h.id, {
          kind: m.kind,
          content: m.content,
          ...(m.byPartner && partnerId ? { partnerId } : {}),
          ...(m.amountFen ? { amountFen: m.amountFen } : {}),
          dueOn: `${now.getUTCFullYear() + 1}-0${r.int(1, 9)}-${String(r.int(1, 28)).padStart(2, '0')}`,
        })
        out.measures++
        const roll = r.next()
        if (roll < 0.5) await changeMeasureStatus(w, made.id, { status: 'in_progress' })
        else if (roll < 0.75) await changeMeasureStatus(w, made.id, { status: 'done' })
        else if (roll < 0.8) await changeMeasureStatus(w, made.id, { status: 'cancelled', reason: '户内情况变化，改用其他措施' })
      }

      // Five households in eight post a need: 25 of the 40.
      if (i % 8 >= 5) return { status: 201, body: null }
      const kind = NEED_KINDS[out.needs % NEED_KINDS.length]!
      const spec = NEEDS[kind]
      const need = await createNeed(w, h.id, { kind, description: spec.description, ...(spec.estimatedFen ? { estimatedFen: spec.estimatedFen } : {}) })
      out.needs++
      if (!partnerId || out.needs % 6 === 0) return { status: 201, body: null }
      const pledge = await addPledge(w, need.id, { partnerId, what: `承诺：${spec.what}`, amountFen: spec.valueFen })
      out.pledges++
      if (out.deliveries >= 15 || out.pledges % 5 === 0) return { status: 201, body: null }
      const method = METHODS[out.deliveries % METHODS.length]!
      const d = await recordDelivery(w, need.id, {
        id: newId(),
        pledgeId: pledge.id,
        partnerId,
        what: spec.what,
        valueFen: spec.valueFen,
        deliveredOn: pastDay(r, now),
        // A drawn parcel stands in for the handover photos.
        photos: r.chance(0.4) ? [demoPicture(out.deliveries * 2, 'parcel'), demoPicture(out.deliveries * 2 + 1, 'parcel')] : [demoPicture(out.deliveries * 2, 'parcel')],
        confirmation: { confirmedBy: '户主', method, ...(method === 'verbal' ? {} : { signature: MARK }) },
        ...(spec.credit ? { incomeCredit: { component: spec.credit, amountFen: spec.valueFen } } : {}),
      })
      out.deliveries++
      if (d.incomeCredit) out.credits++
      return { status: 201, body: null }
    })
  }
  return out
}
