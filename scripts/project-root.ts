import fs from 'node:fs'
import path from 'node:path'

/**
 * The project folder (where package.json, prisma/migrations and build/ are), found from the folder of
 * the running script: scripts/ when it runs from source, build/runtime/ once compiled.
 */
export function projectRoot(scriptDir: string): string {
  for (let dir = scriptDir; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${scriptDir}`)
  }
}
