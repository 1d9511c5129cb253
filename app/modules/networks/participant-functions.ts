/** The functions a standing participant attends a network's meetings in (labels per locale in admin.json). */
export const participantFunctions = [
  'mayor',
  'alderman',
  'municipal_secretary',
  'director',
  'policy_adviser',
  'secretary',
  'other',
] as const
export type ParticipantFunction = (typeof participantFunctions)[number]
