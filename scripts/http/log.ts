/*
 * The server's handle on the app's logger (app/modules/observability/logger.server.ts). The server
 * takes the logger from the build's server entry once it has loaded it (scripts/server.ts); anything
 * logged before that (the build failing to load) goes to a plain pino logger with the same JSON shape.
 */
import pino, { type Logger } from 'pino'

let current: Logger | undefined

export function setLogger(logger: Logger): void {
  current = logger
}

export function log(): Logger {
  current ??= pino({ base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime })
  return current
}
