import * as path from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to an embedded SQLite file under data/', () => {
    const sut = loadConfig({}, '/srv/app');
    expect(sut.database).toEqual({ type: 'sqlite', path: path.resolve('/srv/app', 'data/xuefa.sqlite') });
    expect(sut.port).toBe(3000);
    expect(sut.seedDemo).toBe(true);
    expect(sut.demoPassword).toBe('Demo@2026');
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/x' }).database).toEqual({
      type: 'postgres',
      url: 'postgres://u@127.0.0.1:5432/x',
    });
  });

  it('names every bad variable in one message', () => {
    expect(() =>
      loadConfig({ PORT: 'abc', SEED_DEMO: 'maybe', JWT_SECRET: 'short', DATABASE_URL: 'mysql://x' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', SEED_DEMO: 'maybe', JWT_SECRET: 'short', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toContain('PORT="abc"');
      expect(message).toContain('SEED_DEMO="maybe"');
      expect(message).toContain('JWT_SECRET');
      expect(message).toContain('DATABASE_URL');
    }
  });

  it('reads booleans and ports', () => {
    const sut = loadConfig({ SEED_DEMO: 'false', PORT: '8080' });
    expect(sut.seedDemo).toBe(false);
    expect(sut.port).toBe(8080);
  });

  it('reads the backup settings: off by default, a directory under data/, 14 kept', () => {
    expect(loadConfig({}, '/srv/app').backup).toEqual({
      dir: path.resolve('/srv/app', 'data/backups'),
      intervalHours: 0,
      keep: 14,
    });
    expect(
      loadConfig({ BACKUP_DIR: '/mnt/backup', BACKUP_INTERVAL_HOURS: '6', BACKUP_KEEP: '30' }, '/srv/app')
        .backup,
    ).toEqual({ dir: '/mnt/backup', intervalHours: 6, keep: 30 });
  });

  it('names bad backup settings', () => {
    for (const [env, name] of [
      [{ BACKUP_INTERVAL_HOURS: '-1' }, 'BACKUP_INTERVAL_HOURS="-1"'],
      [{ BACKUP_INTERVAL_HOURS: '1.5' }, 'BACKUP_INTERVAL_HOURS="1.5"'],
      [{ BACKUP_KEEP: '0' }, 'BACKUP_KEEP="0"'],
      [{ BACKUP_INTERVAL_HOURS: '6', DATABASE_PATH: ':memory:' }, 'BACKUP_INTERVAL_HOURS'],
    ] as const)
      expect(() => loadConfig(env)).toThrow(name);
  });
});

describe('loadConfig: sessions behind a proxy', () => {
  it('defaults to a Secure cookie on HTTPS only, no trusted proxy, and 100 failed logins a minute per address', () => {
    const sut = loadConfig({});
    expect(sut.cookieSecure).toBe('auto');
    expect(sut.trustProxy).toBe(false);
    expect(sut.loginThrottle).toEqual({ limit: 10, ipLimit: 100, ttlSeconds: 60 });
  });

  it('reads COOKIE_SECURE and TRUST_PROXY as a flag, a hop count or a list of proxies', () => {
    expect(loadConfig({ COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
    expect(loadConfig({ COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).trustProxy).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow(/TRUST_PROXY="nginx"/);
    expect(() => loadConfig({ COOKIE_SECURE: 'sometimes' })).toThrow(/COOKIE_SECURE="sometimes"/);
  });
});
