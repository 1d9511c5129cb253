/** Facts about minutes shared by server and browser. */
import type { DocumentType } from '../documents/types'

/** The document types offered first when choosing the minutes document. */
export const minutesDocumentTypes: readonly DocumentType[] = ['verslag', 'besluitenlijst']

export function isMinutesDocumentType(type: string): boolean {
  return (minutesDocumentTypes as readonly string[]).includes(type)
}
