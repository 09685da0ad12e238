import { v7 } from 'uuid'

/** Time-ordered ids (UUIDv7): they sort by creation, which keeps cursors and indexes simple. */
export const newId = (): string => v7()
