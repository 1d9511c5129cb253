/*
 * Text extraction in a child process: PDF and office parsing is CPU-heavy and holds whole files in
 * memory, so it runs beside the server, with a time limit, and its crash is only a failed extraction.
 */
import { execFile } from 'node:child_process'
import { childScript } from '../processes/child-script.server'
import type { ExtractResult } from './extract.server'

const TIME_LIMIT_MS = 120_000
// MAX_EXTRACTED_CHARS characters of JSON-escaped text, with room to spare.
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024

export function extractTextInChildProcess(
  filePath: string,
  mediaType: string,
): Promise<ExtractResult> {
  const { script, nodeOptions } = childScript('extract-text')
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--max-old-space-size=512', ...nodeOptions, script, filePath, mediaType],
      { timeout: TIME_LIMIT_MS, maxBuffer: MAX_OUTPUT_BYTES, killSignal: 'SIGKILL' },
      (error, stdout) => {
        if (error) {
          resolve({
            status: 'failed',
            text: '',
            reason: `extraction process: ${error.message}`.slice(0, 500),
          })
          return
        }
        try {
          resolve(JSON.parse(stdout) as ExtractResult)
        } catch {
          resolve({ status: 'failed', text: '', reason: 'extraction process gave no result' })
        }
      },
    )
  })
}
