/*
 * The kinds of activity and the shapes the feed and (later) the mails share; no server code, so the
 * pages' components may import it.
 */
export const activityKinds = [
  'document_shared',
  'document_version',
  'meeting_published',
  'meeting_changed',
  'meeting_cancelled',
  'meeting_document_added',
  'decision_recorded',
  'minutes_approved',
  'action_assigned',
  'action_done',
  'measurement_recorded',
  'project_status_changed',
] as const

export type ActivityKind = (typeof activityKinds)[number]

export function isActivityKind(value: string): value is ActivityKind {
  return (activityKinds as readonly string[]).includes(value)
}

/** A changed field: what it was and what it became (dates as ISO strings). */
export type ActivityChange = { field: string; from: string; to: string }

/**
 * The details shown with an event, as they were at the time: a later rename does not rewrite history.
 * Every field is optional; each kind fills the ones it shows.
 */
export type ActivityData = {
  /** The title of the document, meeting, project or goal at the time. */
  title?: string
  /** The meeting a document was added to, or a decision or action item belongs to. */
  meetingTitle?: string
  /** An agenda item's title (decisions, documents added to the agenda). */
  itemTitle?: string
  /** A document's version number. */
  version?: number
  /** Old → new of the fields that changed (meeting time, place or title; project status). */
  changes?: ActivityChange[]
  /** A decision's outcome (adopted | amended | rejected | postponed | noted). */
  outcome?: string
  /** The organisation an action item is assigned to, and its description. */
  organisationName?: string
  description?: string
  /** A measurement's value, with the goal's unit. */
  value?: number
  unit?: string
  /** Why a meeting was cancelled. */
  reason?: string
  /** How minutes were approved: at a meeting or by a written round. */
  via?: 'meeting' | 'round'
}

export type ActivityItem = {
  id: string
  kind: ActivityKind
  /** ISO time; shown in Europe/Amsterdam (describe.ts). */
  at: string
  actor: { name: string | null; organisation: string | null }
  network: { slug: string; name: string; shortName: string }
  /** What the event is about, with its current title and the page it is on. */
  subject: { title: string; href: string }
  /** The meeting a document, decision or action item belongs to, when there is one. */
  meeting: { title: string; href: string } | null
  /** The details as they were at the time: old → new, outcome, value… */
  data: ActivityData
}
