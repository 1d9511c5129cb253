import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { docxWithText, odtWithText, zipBomb } from '../../../tests/fixtures/documents'
import {
  checkZipBudget,
  readZipEntries,
  ZipBudgetExceeded,
  type ZipBudget,
} from './zip-budget.server'

const MiB = 1024 * 1024
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-zip-budget-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

let fileCount = 0
function write(bytes: Uint8Array): string {
  const filePath = path.join(dir, `archive-${++fileCount}.zip`)
  fs.writeFileSync(filePath, bytes)
  return filePath
}

/** A budget that only the named limits constrain. */
function budget(limits: Partial<ZipBudget>): ZipBudget {
  return {
    maxEntries: 1_000_000,
    maxTotalBytes: Number.MAX_SAFE_INTEGER,
    maxEntryBytes: Number.MAX_SAFE_INTEGER,
    maxRatio: Number.MAX_SAFE_INTEGER,
    ...limits,
  }
}

/** The highest RSS growth seen while `run` ran, sampled every few milliseconds. */
async function peakRssGrowth(run: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
  try {
    await run()
  } finally {
    clearInterval(timer)
  }
  return Math.max(peak, process.memoryUsage().rss) - before
}

describe('checkZipBudget', () => {
  it('lets ordinary documents through', async () => {
    await expect(checkZipBudget(write(docxWithText(['financiële'])))).resolves.toBeUndefined()
    await expect(checkZipBudget(write(odtWithText(['coöperatie'])))).resolves.toBeUndefined()
  })

  it('refuses more entries than the budget allows, by the count alone', async () => {
    const file = write(zipBomb({ entries: 11, entryBytes: 10 }))
    await expect(checkZipBudget(file, budget({ maxEntries: 10 }))).rejects.toThrow(
      ZipBudgetExceeded,
    )
    await expect(checkZipBudget(file, budget({ maxEntries: 11 }))).resolves.toBeUndefined()
  })

  it('refuses an entry that declares more than maxEntryBytes', async () => {
    const file = write(zipBomb({ entryBytes: 2 * MiB }))
    await expect(checkZipBudget(file, budget({ maxEntryBytes: MiB }))).rejects.toThrow(
      /zip budget exceeded: entry "zeros-1.bin" declares 2097152 bytes/,
    )
    await expect(checkZipBudget(file, budget({ maxEntryBytes: 2 * MiB }))).resolves.toBeUndefined()
  })

  it('refuses entries that declare more than maxTotalBytes together', async () => {
    const file = write(zipBomb({ entries: 3, entryBytes: MiB }))
    await expect(checkZipBudget(file, budget({ maxTotalBytes: 2.5 * MiB }))).rejects.toThrow(
      /in total/,
    )
    await expect(checkZipBudget(file, budget({ maxTotalBytes: 3 * MiB }))).resolves.toBeUndefined()
  })

  it('refuses a large entry that compresses beyond maxRatio, but not a small one', async () => {
    // Zeros deflate about 1000:1.
    const large = write(zipBomb({ entryBytes: 10 * MiB }))
    await expect(checkZipBudget(large)).rejects.toThrow(/ratio above 200/)
    const small = write(zipBomb({ entryBytes: MiB / 2 }))
    await expect(checkZipBudget(small)).resolves.toBeUndefined()
  })

  it('refuses an entry whose header lies about its size, without inflating it', async () => {
    // Declares 1000 bytes, inflates to 300 MiB.
    const file = write(zipBomb({ entryBytes: 300 * MiB, declaredEntryBytes: 1000 }))
    const started = Date.now()
    let error: unknown
    const growth = await peakRssGrowth(() =>
      checkZipBudget(file).catch((e: unknown) => (error = e)),
    )
    expect(error).toBeInstanceOf(ZipBudgetExceeded)
    expect(String(error)).toMatch(/inflates beyond its declared 1000 bytes/)
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(growth).toBeLessThan(100 * MiB)
  })

  it('reports a corrupt archive as a plain error', async () => {
    const docx = docxWithText(['financiële'])
    for (const bytes of [docx.subarray(0, docx.length - 30), new Uint8Array(500).fill(7)]) {
      const error = await checkZipBudget(write(bytes)).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(Error)
      expect(error).not.toBeInstanceOf(ZipBudgetExceeded)
    }
  })
})

describe('readZipEntries', () => {
  it('returns the inflated text of the selected entries only', async () => {
    const file = write(odtWithText(['De financiële coöperatie']))
    const entries = await readZipEntries(file, (name) => name === 'content.xml')
    expect([...entries.keys()]).toEqual(['content.xml'])
    expect(entries.get('content.xml')).toContain('<text:p>De financiële coöperatie</text:p>')
  })

  it('holds the whole archive to its declared budget, selected or not', async () => {
    // 300 MiB of zeros in Pictures/, beside a harmless content.xml.
    const file = write(zipBomb({ format: 'odt', entries: 6, entryBytes: 50 * MiB }))
    await expect(readZipEntries(file, (name) => name === 'content.xml')).rejects.toThrow(
      ZipBudgetExceeded,
    )
  })

  it('stops reading an entry whose header lies, before it fills the memory', async () => {
    const file = write(zipBomb({ entryBytes: 300 * MiB, declaredEntryBytes: 1000 }))
    let error: unknown
    const growth = await peakRssGrowth(() =>
      readZipEntries(file, () => true).catch((e: unknown) => (error = e)),
    )
    expect(error).toBeInstanceOf(ZipBudgetExceeded)
    expect(growth).toBeLessThan(100 * MiB)
  })
})

describe.runIf(fs.existsSync('/proc/self/fd'))('file handles', () => {
  it('are closed after every outcome: read, refused by declaration, refused while streaming, corrupt', async () => {
    const ok = write(odtWithText(['financiële']))
    const declared = write(zipBomb({ entries: 3, entryBytes: MiB }))
    const lying = write(zipBomb({ entryBytes: 10 * MiB, declaredEntryBytes: 1000 }))
    const corrupt = write(docxWithText(['x']).subarray(0, 100))
    const openFds = () => fs.readdirSync('/proc/self/fd').length
    const before = openFds()
    for (let i = 0; i < 20; i++) {
      await readZipEntries(ok, () => true)
      await checkZipBudget(ok)
      await checkZipBudget(declared, budget({ maxTotalBytes: MiB })).catch(() => {})
      await readZipEntries(lying, () => true).catch(() => {})
      await checkZipBudget(lying).catch(() => {})
      await checkZipBudget(corrupt).catch(() => {})
    }
    // A leak would show as 20 or more; allow for the test runner's own sockets coming and going.
    expect(openFds() - before).toBeLessThanOrEqual(2)
  })
})
