import type { ChayiAppDef } from '@chayi/shell'

/** The leader screens of the portal (my activities, roster, QR display, approvals). Lazy, leader/admin only. */
export const leadRoutes: ChayiAppDef['routes'] = []
export const leadNav: NonNullable<ChayiAppDef['nav']> = []
