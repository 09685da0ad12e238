import type { z } from 'zod'
import { codeSchema } from '../codes/schema.js'
import { DonorKindList, GranaryCategoryList, MovementKindList, RecipientKindList } from './categories.js'

// The zod enums of the granary's code lists, apart from the labels (see ./categories.ts).

export const GranaryCategory = /* @__PURE__ */ codeSchema(GranaryCategoryList)
export type GranaryCategory = z.infer<typeof GranaryCategory>
export const DonorKind = /* @__PURE__ */ codeSchema(DonorKindList)
export type DonorKind = z.infer<typeof DonorKind>
export const RecipientKind = /* @__PURE__ */ codeSchema(RecipientKindList)
export type RecipientKind = z.infer<typeof RecipientKind>
export const MovementKind = /* @__PURE__ */ codeSchema(MovementKindList)
export type MovementKind = z.infer<typeof MovementKind>
