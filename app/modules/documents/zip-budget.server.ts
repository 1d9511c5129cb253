/**
 * docs/security.md item 21: archives (DOCX, XLSX, PPTX, ODT… are ZIPs) are never unpacked beyond a
 * size and entry budget, so a zip bomb cannot fill the memory or the disk of the extraction job.
 *
 * Two lines of defence: the sizes and entry count the archive declares are refused first, before
 * anything is inflated; then the bytes that really come out of the inflater are counted, so a header
 * that lies about its sizes is caught too (yauzl's `validateEntrySizes` does that as well).
 */
import yauzl, { type Entry, type ZipFile } from 'yauzl'

export type ZipBudget = {
  maxEntries: number
  maxTotalBytes: number
  maxEntryBytes: number
  maxRatio: number
}

export const defaultZipBudget: ZipBudget = {
  maxEntries: 5_000,
  maxTotalBytes: 200 * 1024 * 1024,
  maxEntryBytes: 50 * 1024 * 1024,
  maxRatio: 200,
}

/**
 * Small entries may compress far better than `maxRatio` (a few KB of repeated XML) and can do no harm,
 * so the ratio only counts for entries larger than this.
 */
const RATIO_FLOOR_BYTES = 1024 * 1024

export class ZipBudgetExceeded extends Error {
  constructor(detail: string) {
    super(`zip budget exceeded: ${detail}`)
    this.name = 'ZipBudgetExceeded'
  }
}

/**
 * Refuses an archive over the budget; inflates every entry (discarding the bytes) to prove the real
 * sizes too, because the reader that comes next (mammoth) inflates whole entries into memory.
 * Throws ZipBudgetExceeded, or a plain Error for a corrupt archive.
 */
export async function checkZipBudget(
  filePath: string,
  budget: ZipBudget = defaultZipBudget,
): Promise<void> {
  await withZip(filePath, async (zip) => {
    const entries = await declaredEntries(zip, budget)
    const total = { bytes: 0 }
    for (const entry of entries) {
      if (isDirectory(entry)) continue
      await inflateEntry(zip, entry, budget, total, () => {})
    }
  })
}

/**
 * The inflated content (as UTF-8) of the entries whose names `select` accepts. The whole archive is
 * held to the budget by its declared sizes; the selected entries are counted while they stream.
 */
export async function readZipEntries(
  filePath: string,
  select: (name: string) => boolean,
  budget: ZipBudget = defaultZipBudget,
): Promise<Map<string, string>> {
  return withZip(filePath, async (zip) => {
    const entries = await declaredEntries(zip, budget)
    const contents = new Map<string, string>()
    const total = { bytes: 0 }
    for (const entry of entries) {
      if (isDirectory(entry) || !select(entry.fileName)) continue
      const chunks: Buffer[] = []
      await inflateEntry(zip, entry, budget, total, (chunk) => chunks.push(chunk))
      contents.set(entry.fileName, new TextDecoder('utf-8').decode(Buffer.concat(chunks)))
    }
    return contents
  })
}

async function withZip<T>(filePath: string, read: (zip: ZipFile) => Promise<T>): Promise<T> {
  // autoClose is off: the entries are read after the central directory has been walked, and
  // closing is done here, always, once every read stream is gone.
  const zip = await yauzl.openPromise(filePath, {
    lazyEntries: true,
    autoClose: false,
    validateEntrySizes: true,
  })
  try {
    return await read(zip)
  } finally {
    await close(zip)
  }
}

/** Resolves once the file descriptor is really closed (or closing it failed). */
function close(zip: ZipFile): Promise<void> {
  if (!zip.isOpen) return Promise.resolve()
  return new Promise((resolve) => {
    zip.once('close', () => resolve())
    zip.once('error', () => resolve())
    zip.close()
  })
}

/** Walks the central directory and refuses by the declared count and sizes alone. */
async function declaredEntries(zip: ZipFile, budget: ZipBudget): Promise<Entry[]> {
  if (zip.entryCount > budget.maxEntries) {
    throw new ZipBudgetExceeded(`${zip.entryCount} entries (at most ${budget.maxEntries})`)
  }
  const entries: Entry[] = []
  let declaredTotal = 0
  for await (const entry of zip.eachEntry()) {
    const name = JSON.stringify(entry.fileName)
    if (entry.uncompressedSize > budget.maxEntryBytes) {
      throw new ZipBudgetExceeded(
        `entry ${name} declares ${entry.uncompressedSize} bytes (at most ${budget.maxEntryBytes})`,
      )
    }
    if (
      entry.uncompressedSize > RATIO_FLOOR_BYTES &&
      entry.uncompressedSize > entry.compressedSize * budget.maxRatio
    ) {
      throw new ZipBudgetExceeded(
        `entry ${name} inflates ${entry.compressedSize} bytes to ${entry.uncompressedSize} (ratio above ${budget.maxRatio})`,
      )
    }
    declaredTotal += entry.uncompressedSize
    if (declaredTotal > budget.maxTotalBytes) {
      throw new ZipBudgetExceeded(
        `entries declare more than ${budget.maxTotalBytes} bytes in total`,
      )
    }
    entries.push(entry)
  }
  return entries
}

/**
 * Streams one entry through the inflater, handing each chunk on and counting the bytes against the
 * entry's declared size, the per-entry cap and the running total. The stream is destroyed on any
 * exit, which releases its hold on the file descriptor.
 */
async function inflateEntry(
  zip: ZipFile,
  entry: Entry,
  budget: ZipBudget,
  total: { bytes: number },
  onChunk: (chunk: Buffer) => void,
): Promise<void> {
  const name = JSON.stringify(entry.fileName)
  const stream = await zip.openReadStreamPromise(entry)
  let bytes = 0
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length
      total.bytes += chunk.length
      if (bytes > entry.uncompressedSize) {
        throw new ZipBudgetExceeded(
          `entry ${name} inflates beyond its declared ${entry.uncompressedSize} bytes`,
        )
      }
      if (bytes > budget.maxEntryBytes) {
        throw new ZipBudgetExceeded(`entry ${name} inflates beyond ${budget.maxEntryBytes} bytes`)
      }
      if (total.bytes > budget.maxTotalBytes) {
        throw new ZipBudgetExceeded(`entries inflate beyond ${budget.maxTotalBytes} bytes in total`)
      }
      onChunk(chunk)
    }
  } catch (error) {
    // yauzl's own size check (validateEntrySizes) fires before our counter sees the extra bytes;
    // it is the same lie, so it is reported as the same refusal.
    if (error instanceof Error && error.message.startsWith('too many bytes in the stream')) {
      throw new ZipBudgetExceeded(
        `entry ${name} inflates beyond its declared ${entry.uncompressedSize} bytes`,
      )
    }
    throw error
  } finally {
    stream.destroy()
  }
}

function isDirectory(entry: Entry): boolean {
  return entry.fileName.endsWith('/') && entry.uncompressedSize === 0
}
