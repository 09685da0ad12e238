import { describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import {
  AgeBandList,
  CODE_LISTS,
  DisabilityGradeList,
  LOCALES,
  ROLES,
  Role,
  RoleList,
  codeSchema,
  ServiceProjectList,
  defineCodeList,
  type AgeBand,
  type CodeEntry,
  type CodeList,
  type DisabilityGrade,
} from './index.js'
import { User } from '../identity/index.js'

const lists = Object.entries(CODE_LISTS)

describe('CODE_LISTS', () => {
  it('holds all thirteen lists, each under its own name', () => {
    expect(lists).toHaveLength(13)
    for (const [key, list] of lists) expect(list.name).toBe(key)
  })

  describe.each(lists)('%s', (_name, list) => {
    it('has unique lowercase snake_case codes, in entry order', () => {
      expect(new Set(list.codes).size).toBe(list.codes.length)
      expect(list.codes).toEqual(list.entries.map((e) => e.code))
      for (const code of list.codes) expect(code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/)
    })

    it('has a non-empty label in every locale', () => {
      for (const e of list.entries) {
        for (const locale of LOCALES) expect(e.label[locale].trim()).not.toBe('')
      }
      // Chinese labels really are Chinese.
      for (const e of list.entries) expect(e.label['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
    })

    it('schema accepts every code and rejects unknown values', () => {
      const schema: z.ZodType = codeSchema(list as CodeList<readonly CodeEntry[]>)
      for (const code of list.codes) expect(schema.parse(code)).toBe(code)
      expect(schema.safeParse('not_a_code').success).toBe(false)
      expect(schema.safeParse('').success).toBe(false)
      expect(schema.safeParse(list.codes[0]?.toUpperCase()).success).toBe(false)
      expect(schema.safeParse(1).success).toBe(false)
    })

    it('label() and options() agree with the entries', () => {
      const has = list.has as (v: unknown) => boolean
      const label = list.label as (c: string, l: 'zh-CN' | 'en') => string
      for (const locale of LOCALES) {
        expect(list.options(locale)).toEqual(list.entries.map((e) => ({ value: e.code, label: e.label[locale] })))
        for (const e of list.entries) expect(label(e.code, locale)).toBe(e.label[locale])
      }
      expect(has(list.codes[0])).toBe(true)
      expect(has('not_a_code')).toBe(false)
      expect(has(undefined)).toBe(false)
    })
  })
})

describe('roles', () => {
  it('keeps the codes the identity schemas rely on', () => {
    expect(ROLES).toEqual(['admin', 'leader', 'care_staff', 'aid_worker', 'counter_staff', 'volunteer', 'district_admin'])
    expect(Role.parse('leader')).toBe('leader')
    expect(RoleList.label('leader', 'zh-CN')).toBe('队长/带头人')
    expect(RoleList.label('district_admin', 'en')).toMatch(/administrator/i)
    expect(User.shape.roles.safeParse(['volunteer', 'boss']).success).toBe(false)
  })

  it('types the role codes as a literal union', () => {
    expectTypeOf<Role>().toEqualTypeOf<
      'admin' | 'leader' | 'care_staff' | 'aid_worker' | 'counter_staff' | 'volunteer' | 'district_admin'
    >()
  })
})

describe('extra fields', () => {
  it('keeps age band limits with their types', () => {
    expect(AgeBandList.entry('youth')).toMatchObject({ minAge: 14, maxAge: 35 })
    expect(AgeBandList.entry('middle_aged')).toMatchObject({ minAge: 36, maxAge: 59 })
    expect(AgeBandList.entry('elderly').maxAge).toBeNull()
    expectTypeOf(AgeBandList.entry('elderly').maxAge).toEqualTypeOf<null>()
    expectTypeOf<AgeBand>().toEqualTypeOf<'youth' | 'middle_aged' | 'elderly'>()
  })

  it('bands are contiguous from 14 upwards', () => {
    const e = AgeBandList.entries
    expect(e[0].minAge).toBe(14)
    expect(e[1].minAge).toBe(e[0].maxAge + 1)
    expect(e[2].minAge).toBe(e[1].maxAge + 1)
  })

  it('keeps numeric disability grades, 1 the most severe', () => {
    expect(DisabilityGradeList.entries.map((e) => e.grade)).toEqual([1, 2, 3, 4])
    expect(DisabilityGradeList.label('grade_1', 'zh-CN')).toBe('一级')
    expect(DisabilityGradeList.label('grade_4', 'en')).toBe('Grade 4')
    expectTypeOf(DisabilityGradeList.entry('grade_2').grade).toEqualTypeOf<2>()
    expectTypeOf<DisabilityGrade>().toEqualTypeOf<'grade_1' | 'grade_2' | 'grade_3' | 'grade_4'>()
  })

  it('lists the six service projects of the seed', () => {
    expect(ServiceProjectList.options('zh-CN').map((o) => o.label)).toEqual([
      '茶义仓',
      '社区友邻学院',
      '孝亲敬老评书',
      '手牵手心相连',
      '空巢不空心',
      '情系藏区',
    ])
  })

  it('entry() throws for a code outside the list', () => {
    expect(() => (RoleList.entry as (c: string) => unknown)('boss')).toThrow(RangeError)
  })
})

describe('defineCodeList', () => {
  const l = (code: string, zh = '甲', en = 'A') => ({ code, label: { 'zh-CN': zh, en } })

  it('rejects duplicate codes', () => {
    expect(() => defineCodeList('x', [l('a'), l('a')])).toThrow(/duplicate/)
  })
  it('rejects codes that are not lowercase snake_case', () => {
    for (const bad of ['A', 'a-b', '1a', 'a__b', '_a', 'a_', 'a b']) {
      expect(() => defineCodeList('x', [l(bad)])).toThrow(/snake_case/)
    }
  })
  it('rejects empty labels and empty lists', () => {
    expect(() => defineCodeList('x', [l('a', ' ')])).toThrow(/zh-CN label/)
    expect(() => defineCodeList('x', [l('a', '甲', '')])).toThrow(/en label/)
    expect(() => defineCodeList('x', [])).toThrow(/empty/)
  })
  it('infers the code tuple in order', () => {
    const list = defineCodeList('demo', [l('b'), l('a')] as const)
    expect(list.codes).toEqual(['b', 'a'])
    expect(Object.isFrozen(list.codes)).toBe(true)
  })
})
