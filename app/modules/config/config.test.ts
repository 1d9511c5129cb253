import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadBackupConfig, loadConfig } from './config.server'

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'zwin-config-'))

describe('configuration', () => {
  it('names every wrong variable in one clear message', () => {
    const env = {
      ZWIN_DATA_DIR: tempDir(),
      PORT: 'abc',
      SMTP_URL: 'http://mail',
      SESSION_SECRET: 'short',
    }
    expect(() => loadConfig(env)).toThrow(ConfigError)
    try {
      loadConfig(env)
    } catch (error) {
      const message = (error as Error).message
      expect(message).toMatch(/configuration is not valid/)
      expect(message).toMatch(/PORT/)
      expect(message).toMatch(/SMTP_URL: must look like smtp:\/\//)
      expect(message).toMatch(/SESSION_SECRET: must be at least 32 characters/)
    }
  })

  it('generates a session secret into the data folder once and reuses it', () => {
    const dir = tempDir()
    const first = loadConfig({ ZWIN_DATA_DIR: dir })
    const file = path.join(dir, 'session-secret')
    expect(fs.existsSync(file)).toBe(true)
    expect(fs.statSync(file).mode & 0o077).toBe(0)
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32)
    expect(loadConfig({ ZWIN_DATA_DIR: dir }).sessionSecret).toBe(first.sessionSecret)
  })

  it('keeps all state in the data folder and defaults the public origin to the port', () => {
    const dir = tempDir()
    const config = loadConfig({ ZWIN_DATA_DIR: dir, PORT: '4000' })
    expect(config.databasePath).toBe(path.join(dir, 'zwin.sqlite'))
    expect(config.mailDir).toBe(path.join(dir, 'mail'))
    expect(config.publicOrigin).toBe('http://localhost:4000')
    expect(config.trustProxy).toBe(false)
  })
  it('gives SQLite a 64 MB page cache unless told otherwise, and refuses one too small to help', () => {
    expect(loadConfig({ ZWIN_DATA_DIR: tempDir() }).sqliteCacheMb).toBe(64)
    expect(loadConfig({ ZWIN_DATA_DIR: tempDir(), SQLITE_CACHE_MB: '256' }).sqliteCacheMb).toBe(256)
    expect(() => loadConfig({ ZWIN_DATA_DIR: tempDir(), SQLITE_CACHE_MB: '1' })).toThrow(
      /SQLITE_CACHE_MB/,
    )
  })

  it('uses SQLite in the data folder unless DATABASE_URL names a PostgreSQL database', () => {
    const dir = tempDir()
    expect(loadConfig({ ZWIN_DATA_DIR: dir }).database).toEqual({
      provider: 'sqlite',
      path: path.join(dir, 'zwin.sqlite'),
    })
    const url = 'postgresql://zwin:geheim@db.example.org:5432/zwin'
    expect(loadConfig({ ZWIN_DATA_DIR: dir, DATABASE_URL: url }).database).toEqual({
      provider: 'postgresql',
      url,
      poolSize: 10,
    })
    expect(
      loadConfig({ ZWIN_DATA_DIR: dir, DATABASE_URL: url, DATABASE_POOL_SIZE: '25' }).database,
    ).toMatchObject({ poolSize: 25 })
    // Prisma's habit of a file: URL for SQLite would silently be another database than the data folder's.
    expect(() => loadConfig({ ZWIN_DATA_DIR: dir, DATABASE_URL: 'file:./dev.db' })).toThrow(
      /DATABASE_URL: must be postgresql:\/\/user:password@host:5432\/database/,
    )
    expect(() =>
      loadConfig({ ZWIN_DATA_DIR: dir, DATABASE_URL: url, DATABASE_POOL_SIZE: '0' }),
    ).toThrow(/DATABASE_POOL_SIZE/)
  })

  it('reads the backup settings, and checks them, without creating the data folder', () => {
    const dir = path.join(tempDir(), 'not-yet')
    expect(loadBackupConfig({ ZWIN_DATA_DIR: dir })).toEqual({
      dataDir: dir,
      postgres: false,
      backupDir: undefined,
      keep: 7,
      intervalMs: 24 * 3_600_000,
    })
    expect(fs.existsSync(dir)).toBe(false)
    const set = loadConfig({ ZWIN_DATA_DIR: dir, BACKUP_DIR: 'backups', BACKUP_KEEP: '3' }).backup
    expect(set).toMatchObject({ backupDir: path.resolve('backups'), keep: 3 })
    const url = 'postgresql://zwin@db.example.org/zwin'
    expect(loadBackupConfig({ ZWIN_DATA_DIR: dir, DATABASE_URL: url }).postgres).toBe(true)
    expect(() => loadBackupConfig({ BACKUP_KEEP: '0', BACKUP_INTERVAL_HOURS: 'daily' })).toThrow(
      /BACKUP_KEEP[^\n]*\n\s*BACKUP_INTERVAL_HOURS/,
    )
  })
})
