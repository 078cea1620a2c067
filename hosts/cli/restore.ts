import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { EXIT, exitFor } from './exit-codes.js';
import { join, resolve } from 'node:path';
import { inspectBackup } from '../../db/trust/backup/copy.js';
import { restoreBackup } from '../../db/trust/backup/service.js';
import { AppError } from '../../db/contract/errors.js';
import { formatProblem } from '../../db/contract/problems.js';
import { Core } from '../../db/core.js';
import { Keyring, readKeyFile, readPlainSecret, SECRET_FILE } from '../../db/platform/crypto/secret.js';
import { dataDirFrom, parse, type Command } from './args.js';

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore --data DIR FILE [--key KEYFILE]',
  summary: '从备份文件恢复全部数据（先检查备份，损坏或校验不通过的备份会被拒绝；恢复前自动保留当前数据的副本）。请先关闭积分超市。',
  help: [
    'restore --data DIR FILE [--key KEYFILE]',
    '',
    '先显示备份内容并检查（完整性检查 + 校验），损坏的备份会被拒绝，数据不变。',
    '恢复前把当前数据另存为 points-store-before-restore-*.sqlite（在备份文件夹或 DIR/backups）。',
    '--key KEYFILE  同时放回该备份对应的密钥（换新电脑时需要；导出的密钥文件可直接使用）',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parse(argv, { data: { type: 'string' }, key: { type: 'string' } });
    const dataDir = dataDirFrom(values.data);
    if (positionals.length !== 1) {
      console.error('请指定一个备份文件 / give exactly one backup FILE');
      return EXIT.CANNOT_RUN;
    }
    const file = resolve(positionals[0]!);
    try {
      let keyring: Keyring | null = null;
      if (values.key) {
        keyring = new Keyring(readKeyFile(resolve(values.key)));
      } else {
        const plain = readPlainSecret(dataDir);
        keyring = plain ? new Keyring(plain) : null;
      }
      const p = inspectBackup(file, keyring);
      console.log(`备份 / backup: ${p.file} (${p.bytes} bytes)`);
      console.log(`  ${p.villageName} ${p.storeName}: 农户 ${p.counts.households}, 成员 ${p.counts.members}, 商品 ${p.counts.goods}, 账本 ${p.counts.ledgerRows} 行, 兑换单 ${p.counts.redemptions}`);
      console.log(`  营业日 / business dates: ${p.firstBusinessDate ?? '-'} … ${p.lastBusinessDate ?? '-'}; 最后活动 / last activity ${p.lastActivityAt ?? '-'}`);
      if (!p.verified.ok) {
        console.error('备份校验未通过，拒绝恢复 / the backup does not verify; refused:');
        for (const pr of p.verified.problems) console.error(`  ${pr.message}\n    ${pr.table} row ${pr.rowId}: ${formatProblem(pr, 'en')}`);
        return EXIT.INPUT_ERRORS;
      }
      if (p.sameKey === false) {
        console.error(new AppError('BACKUP_OTHER_KEY').message + '（可用 --key 指定 / use --key KEYFILE）');
        return EXIT.INPUT_ERRORS;
      }
      if (values.key) {
        // Keep the key being replaced: it still opens the data saved just before the restore.
        const current = join(dataDir, SECRET_FILE);
        if (existsSync(current)) copyFileSync(current, `${current}.before-restore-${Date.now()}`);
        writeFileSync(current, keyring!.exportHex() + '\n', { mode: 0o600 });
      }
      const core = new Core({ dataDir });
      try {
        const r = await restoreBackup(core, file, null);
        console.log(`当前数据已另存 / previous data kept at: ${r.safetyCopy ?? '-'}`);
        console.log(r.ok ? '恢复完成，校验通过 / restored and verified' : `恢复后校验未通过 / restored but verify failed: ${r.error ?? ''}`);
        return r.ok ? EXIT.DONE : EXIT.INPUT_ERRORS;
      } finally {
        core.close();
      }
    } catch (e) {
      console.error(`恢复被拒绝或失败，数据未变 / restore refused or failed, data unchanged: ${e instanceof Error ? e.message : String(e)}`);
      return e instanceof AppError ? exitFor(e.code) : EXIT.CANNOT_RUN;
    }
  },
};
