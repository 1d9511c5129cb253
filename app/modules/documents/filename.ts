/*
 * The name a file had on the uploader's computer is only metadata: shown, and offered as download name.
 * It never becomes a path. Still, it is tidied so that it reads honestly: no folders, no invisible or
 * direction-changing characters, a sane length.
 */

// C0/C1 controls, bidirectional overrides and isolates, zero-width characters.
// eslint-disable-next-line no-control-regex
const invisible = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g

const MAX_NAME_LENGTH = 180

export function cleanFileName(raw: string, fallbackExtension = ''): string {
  const lastPart = raw.split(/[/\\]/).pop() ?? ''
  let name = lastPart.normalize('NFC').replace(invisible, '').replace(/\s+/g, ' ').trim()
  name = name.replace(/^[.\s]+/, '')
  if (name.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf('.')
    const extension = dot > 0 && name.length - dot <= 9 ? name.slice(dot) : ''
    // Never keep half a character: an emoji is two UTF-16 units, and a lone half is stored as '�'.
    const kept = name.slice(0, MAX_NAME_LENGTH - extension.length).replace(/[\uD800-\uDBFF]$/, '')
    name = kept.trimEnd() + extension
  }
  if (!name) return fallbackExtension ? `document.${fallbackExtension}` : 'document'
  return name
}
