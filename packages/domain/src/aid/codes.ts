import type { z } from 'zod'
import {
  AidConfirmMethodList,
  AidHouseholdStatusList,
  AidHouseholdTypeList,
  AidMeasureStatusList,
  AidNeedKindList,
  AidNeedStatusList,
  AidPlaceLevelList,
  EducationLevelList,
  HealthStatusList,
  HouseholdRelationList,
  HousingStructureList,
  InsuranceKindList,
  LabourCapacityList,
  SchoolingStatusList,
} from '../codes/aid.js'
import { codeSchema } from '../codes/schema.js'

// The zod enums of the aid code lists (the lists with their labels live in ../codes/aid.ts).

export const AidHouseholdType = /* @__PURE__ */ codeSchema(AidHouseholdTypeList)
export type AidHouseholdType = z.infer<typeof AidHouseholdType>
export const LabourCapacity = /* @__PURE__ */ codeSchema(LabourCapacityList)
export type LabourCapacity = z.infer<typeof LabourCapacity>
export const HealthStatus = /* @__PURE__ */ codeSchema(HealthStatusList)
export type HealthStatus = z.infer<typeof HealthStatus>
export const HouseholdRelation = /* @__PURE__ */ codeSchema(HouseholdRelationList)
export type HouseholdRelation = z.infer<typeof HouseholdRelation>
export const HousingStructure = /* @__PURE__ */ codeSchema(HousingStructureList)
export type HousingStructure = z.infer<typeof HousingStructure>
export const EducationLevel = /* @__PURE__ */ codeSchema(EducationLevelList)
export type EducationLevel = z.infer<typeof EducationLevel>
export const SchoolingStatus = /* @__PURE__ */ codeSchema(SchoolingStatusList)
export type SchoolingStatus = z.infer<typeof SchoolingStatus>
export const InsuranceKind = /* @__PURE__ */ codeSchema(InsuranceKindList)
export type InsuranceKind = z.infer<typeof InsuranceKind>
export const AidHouseholdStatus = /* @__PURE__ */ codeSchema(AidHouseholdStatusList)
export type AidHouseholdStatus = z.infer<typeof AidHouseholdStatus>
export const AidPlaceLevel = /* @__PURE__ */ codeSchema(AidPlaceLevelList)
export type AidPlaceLevel = z.infer<typeof AidPlaceLevel>
export const AidNeedKind = /* @__PURE__ */ codeSchema(AidNeedKindList)
export type AidNeedKind = z.infer<typeof AidNeedKind>
export const AidNeedStatus = /* @__PURE__ */ codeSchema(AidNeedStatusList)
export type AidNeedStatus = z.infer<typeof AidNeedStatus>
export const AidMeasureStatus = /* @__PURE__ */ codeSchema(AidMeasureStatusList)
export type AidMeasureStatus = z.infer<typeof AidMeasureStatus>
export const AidConfirmMethod = /* @__PURE__ */ codeSchema(AidConfirmMethodList)
export type AidConfirmMethod = z.infer<typeof AidConfirmMethod>
