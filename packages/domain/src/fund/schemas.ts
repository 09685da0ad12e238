import type { z } from 'zod'
import { codeSchema } from '../codes/schema.js'
import { ExpenseStatusList, FundChannelList, FundDonorKindList, FundEntryKindList } from './codes.js'

// The zod enums of the fund's code lists, apart from the labels (see ./codes.ts).

export const FundChannel = /* @__PURE__ */ codeSchema(FundChannelList)
export type FundChannel = z.infer<typeof FundChannel>
export const FundDonorKind = /* @__PURE__ */ codeSchema(FundDonorKindList)
export type FundDonorKind = z.infer<typeof FundDonorKind>
export const FundEntryKind = /* @__PURE__ */ codeSchema(FundEntryKindList)
export type FundEntryKind = z.infer<typeof FundEntryKind>
export const ExpenseStatus = /* @__PURE__ */ codeSchema(ExpenseStatusList)
export type ExpenseStatus = z.infer<typeof ExpenseStatus>
