/** Facts about minutes shared by server and browser. */
import type { DocumentType } from '../documents/types'

/** The document types offered first when choosing the minutes document. */
export const minutesDocumentTypes: readonly DocumentType[] = ['verslag', 'besluitenlijst']

export function isMinutesDocumentType(type: string): boolean {
  return (minutesDocumentTypes as readonly string[]).includes(type)
}

/**
 * Minutes are a draft until they are approved: pages, the agenda pack and the exports say so, so that
 * nobody takes a draft for the approved text.
 */
export function minutesAreDraft(status: string): boolean {
  return status !== 'minutes_approved'
}

/**
 * Whether a meeting's minutes are being written and not yet approved: the meeting is held, or
 * published and over (minutesEditable in minutes.server.ts). Lists and the meeting page then label
 * its minutes as a draft.
 */
export function hasDraftMinutes(
  meeting: { status: string; endsAt: Date | string },
  now = new Date(),
): boolean {
  return (
    meeting.status === 'held' || (meeting.status === 'published' && new Date(meeting.endsAt) <= now)
  )
}
