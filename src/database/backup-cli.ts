/**
 * `npm run backup [-- DIR]` and `npm run restore FILE`, configured from the same environment variables as the
 * server (DATABASE_PATH or DATABASE_URL, BACKUP_DIR, BACKUP_KEEP). Exit code 0 on success, 1 with a Chinese message
 * otherwise.
 */
import { ConfigError, loadConfig } from '../common/config';
import { BackupError, backupDatabase, restoreDatabase } from './backup';

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

async function main(argv: string[]): Promise<number> {
  const [command, arg] = argv;
  const config = loadConfig(process.env);
  if (command === 'backup') {
    const r = await backupDatabase(config, arg);
    console.log(`备份完成：${r.file}（${size(r.bytes)}，${r.ms} ms）`);
    if (r.pruned.length)
      console.log(`按 BACKUP_KEEP=${config.backup.keep} 删除了较早的备份：${r.pruned.join('、')}`);
    return 0;
  }
  if (command === 'restore') {
    if (!arg) {
      console.error('用法：npm run restore <备份文件>');
      return 1;
    }
    const r = await restoreDatabase(config, arg);
    console.log(`恢复完成：${r.restored} 已替换为 ${arg}`);
    if (r.keptAside.length) console.log(`被替换的数据库已保留：${r.keptAside.join('、')}`);
    for (const n of r.notes) console.log(n);
    console.log('现在可以启动服务。');
    return 0;
  }
  console.error('用法：npm run backup [-- 目录] ｜ npm run restore <备份文件>');
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof BackupError || e instanceof ConfigError) console.error(e.message);
    else console.error(e);
    process.exit(1);
  },
);
