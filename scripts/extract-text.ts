/**
 * Extracts the searchable text of one stored file and prints it as JSON on stdout. The server runs this
 * in a child process (app/modules/documents/extract-process.server.ts), so that a large or hostile
 * document costs a separate process's memory and time, never the event loop that answers requests.
 *
 *   node --import tsx scripts/extract-text.ts <file> <media type>
 */
import { extractText } from '../app/modules/documents/extract.server'

const [filePath, mediaType] = process.argv.slice(2)
if (!filePath || !mediaType) {
  console.error('Usage: extract-text.ts <file> <media type>')
  process.exit(2)
}
const result = await extractText(filePath, mediaType)
process.stdout.write(JSON.stringify(result))
