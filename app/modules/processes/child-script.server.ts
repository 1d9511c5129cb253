/*
 * Where a child process's script is (the text extraction, the agenda pack, the minutes exports, the
 * scheduled backup, the notifications' digests and reminders). The production build compiles each
 * to build/runtime/<name>.js (scripts/vite.runtime.config.ts), which plain Node starts in a fraction
 * of a second; the sources under scripts/ run through tsx only where the app itself runs from source
 * (the unit tests, `npm run dev` before its first build), which is what `import.meta.env.PROD` tells
 * apart: Vite sets it in the production build only.
 */
import path from 'node:path'

export type ChildScript =
  'extract-text' | 'agenda-pack' | 'minutes-export' | 'backup' | 'notifications-clock'

/** The file to start and the options Node needs for it. */
export function childScript(name: ChildScript): { script: string; nodeOptions: string[] } {
  // In the production build this module is part of build/server/index.js: the compiled children are
  // beside it in build/runtime, wherever the server was started from. The tests run from the project
  // folder.
  return import.meta.env.PROD
    ? { script: path.join(import.meta.dirname, '..', 'runtime', `${name}.js`), nodeOptions: [] }
    : { script: path.resolve('scripts', `${name}.ts`), nodeOptions: ['--import', 'tsx'] }
}
