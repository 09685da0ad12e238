import type { ApiError, ApiIssue } from '@chayi/shell'
import { FIELD_ERRORS as E } from './index'

type Translate = (key: string) => string

// The API says which field is wrong; the words beside it are ours, in the reader's language (its own
// messages are English). A path we do not know keeps the server's message. The keys live in index.ts.
const BY_PATH: [RegExp, string][] = [
  [/^kinds/, E.kinds],
  [/^name$/, E.name],
  [/^gender$/, E.gender],
  [/^birthDate$/, E.birthDate],
  [/^community$/, E.community],
  [/^address$/, E.address],
  [/^livingSituation$/, E.livingSituation],
  [/(^|\.)phone$/, E.phone],
  [/^emergencyContact\./, E.contact],
  [/^idNumber$/, E.idNumber],
  [/^disability\.certificateNumber$/, E.certificate],
  [/^disability/, E.disability],
  [/^healthNotes$/, E.healthNotes],
  [/^monthlyIncomeFen$/, E.income],
  [/(^|\.)scope$/, E.consentScope],
  [/(^|\.)version$/, E.consentVersion],
  [/(^|\.)givenBy\.name$/, E.guardianName],
  [/(^|\.)givenAt$/, E.givenAt],
  [/^reason$/, E.reason],
]

function messageFor(code: string, issue: ApiIssue, t: Translate): string {
  if (code === 'no_consent') return t(E.noConsent)
  if (code === 'not_elderly') return t(E.notElderly)
  if (issue.path === 'birthDate' && /match/.test(issue.message)) return t(E.birthDateMismatch)
  if (/(^|\.)givenAt$/.test(issue.path) && /future/.test(issue.message)) return t(E.givenAtFuture)
  if (issue.path === 'birthDate' && /future/.test(issue.message)) return t(E.birthDateFuture)
  const hit = BY_PATH.find(([re]) => re.test(issue.path))
  return hit ? t(hit[1]) : issue.message
}

/** The API's field issues in our words, `prefix` added to each path (a consent posted on its own). */
export function fieldIssues(e: ApiError, t: Translate, prefix = ''): ApiIssue[] {
  if (e.code === 'already_registered') return [{ path: 'idNumber', message: t(E.idTaken) }]
  return e.issues.map((issue) => ({ path: prefix + issue.path, message: messageFor(e.code, issue, t) }))
}
