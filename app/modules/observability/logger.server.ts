/*
 * The process's one logger (pino): JSON lines on stdout, one object per event, for journald or any log
 * collector; human-readable through pino-pretty when NODE_ENV=development. The production server
 * (scripts/server.ts) takes this same logger through app/modules/runtime/server.server.ts, so the app's
 * lines and the server's request lines share one stream and one configuration.
 *
 * What a line may hold is decided where it is written: ids, route ids, counts, never e-mail addresses,
 * passwords, tokens, cookies or file contents (docs/security.md, "Logs"). `redact` below is the net
 * under that rule for the fields a careless caller could pass along.
 */
import { createRequire } from 'node:module'
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino'
import { requestContext } from './request-context.server'

export type { Logger }

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** Fields that never reach the log, wherever a caller nests them (pino's redact paths). */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["set-cookie"]',
  'cookie',
  'authorization',
  'password',
  'token',
  'email',
  '*.password',
  '*.token',
  '*.email',
  '*.cookie',
  '*.authorization',
]

const EMAIL_ADDRESS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g

/**
 * A logged error as pino writes it (message, stack, its cause, its own fields), without e-mail
 * addresses: a mail library puts the refused recipient in its message and in fields of its own.
 */
function errorWithoutAddresses(error: unknown): unknown {
  const serialized = JSON.stringify(pino.stdSerializers.err(error as Error))
  return serialized === undefined
    ? serialized
    : JSON.parse(serialized.replace(EMAIL_ADDRESS, '[address]'))
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    serializers: { err: errorWithoutAddresses },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Every line written while a request runs carries its id, so an error finds its request line.
    mixin: () => {
      const record = requestContext.getStore()
      return record ? { reqId: record.reqId } : {}
    },
  }
}

/** A logger with Zwin's settings on the given stream (the tests write to a stream of their own). */
export function createLogger(level: string, stream?: DestinationStream): Logger {
  return stream ? pino(loggerOptions(level), stream) : pino(loggerOptions(level), destination())
}

// pino-pretty is a devDependency: loaded only in development, and missing it means plain JSON.
function destination(): DestinationStream {
  if (process.env.NODE_ENV === 'development') {
    try {
      const require = createRequire(import.meta.url)
      const pretty = require('pino-pretty') as (options: object) => DestinationStream
      return pretty({ colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l' })
    } catch {
      // not installed (a production install with NODE_ENV=development): JSON it is
    }
  }
  // Synchronous writes: a line written just before the process exits is not lost.
  return pino.destination({ dest: 1, sync: true })
}

function configuredLevel(): string {
  const level = process.env.LOG_LEVEL
  if (level && (LOG_LEVELS as readonly string[]).includes(level)) return level
  return process.env.NODE_ENV === 'test' || process.env.VITEST ? 'warn' : 'info'
}

const globalForLogger = globalThis as unknown as { zwinLogger?: Logger }

/** The process-wide logger (on globalThis, so the dev server's reloads do not open a second one). */
export function getLogger(): Logger {
  globalForLogger.zwinLogger ??= createLogger(configuredLevel())
  return globalForLogger.zwinLogger
}

/** `getLogger()`, spelled shorter at the call sites. */
export const log: Logger = new Proxy({} as Logger, {
  get(_target, prop) {
    const logger = getLogger()
    const value = Reflect.get(logger, prop) as unknown
    return typeof value === 'function'
      ? (value as (...a: unknown[]) => unknown).bind(logger)
      : value
  },
})
