/** How a meeting is named where the network is not already clear: mail subjects and file names. */

/**
 * "GOS: Werkbezoek Zwin", but "GOS-overleg: werkplan 2027" as it is: a title that starts with the
 * network's short name (as a word of its own) names the network already.
 */
export function meetingLabel(networkShortName: string, title: string): string {
  const named = new RegExp(`^${escapeRegExp(networkShortName)}(?![\\p{L}\\p{N}])`, 'iu')
  return named.test(title) ? title : `${networkShortName}: ${title}`
}

/** The longest name before the extension: room for a folder path on any system. */
const MAX_NAME = 120

/**
 * A file name for the meeting that Windows, macOS and Linux all accept: a colon becomes " - ", other
 * reserved signs and control characters a hyphen, and it ends neither in a dot nor in a space.
 */
export function meetingFileName(networkShortName: string, title: string, extension: string) {
  const name = meetingLabel(networkShortName, title)
    .replace(/\s*:\s*/g, ' - ')
    // eslint-disable-next-line no-control-regex
    .replace(/[<>"/\\|?*\u0000-\u001f\u007f]/g, '-')
    .replace(/\s+/g, ' ')
    .slice(0, MAX_NAME)
    .replace(/[.\s]+$/, '')
  return `${name || 'vergadering'}.${extension}`
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
