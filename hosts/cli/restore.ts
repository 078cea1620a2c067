/**
 * restore --data DIR FILE --operator NAME [--pin-env VAR] [--key KEYFILE]
 * Replaces all data with a backup's through the same contract operation as the screen
 * (`backup.restore`): an administrator's login and PIN, the role checked by the core, the
 * restore audited with the administrator's name. The backup is shown and checked first;
 * a corrupt or tampered one is refused before anyone is asked for a PIN.
 *
 * A new computer's data folder has no operator yet: there the restore needs no login
 * (`setup.restore`, refused by the core once any operator exists), and `--key` puts the
 * backup's key in before the store is created.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { EXIT, refused } from './exit-codes.js';
import { join, resolve } from 'node:path';
import { inspectBackup } from '../../db/trust/backup/copy.js';
import { restoreSettled } from '../../db/trust/backup/service.js';
import { AppError } from '../../db/contract/errors.js';
import { formatProblem } from '../../db/contract/problems.js';
import type { SetupStatus } from '../../db/contract/index.js';
import { Core, DB_FILE } from '../../db/core.js';
import { dispatch } from '../../db/dispatch.js';
import { Keyring, readKeyFile, readPlainSecret, SECRET_FILE } from '../../db/platform/crypto/secret.js';
import { dataDirFrom, parse, type Command } from './args.js';
import { cliLogin } from './operator-login.js';

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore --data DIR FILE --operator NAME [--pin-env VAR] [--key KEYFILE]',
  summary: '从备份文件恢复全部数据（管理员登录；先检查备份，损坏或校验不通过的备份会被拒绝；恢复前自动保留当前数据的副本）。请先关闭积分超市。',
  help: [
    'restore --data DIR FILE --operator NAME [--pin-env VAR] [--key KEYFILE]',
    '',
    '先显示备份内容并检查（完整性检查 + 校验），损坏的备份会被拒绝，数据不变。',
    '恢复需要管理员登录（与界面上的恢复相同）：--operator 姓名，PIN 取自环境变量 STORE_PIN（或 --pin-env 指定的变量），或在终端输入。',
    '新电脑上还没有任何操作员的数据文件夹可直接恢复，无需登录。',
    '恢复前把当前数据另存为 points-store-before-restore-*.sqlite（在备份文件夹或 DIR/backups）。',
    '--key KEYFILE  换新电脑时放入该备份对应的密钥（导出的密钥文件可直接使用）；只用于还没有数据的数据文件夹',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parse(argv, {
      data: { type: 'string' },
      key: { type: 'string' },
      operator: { type: 'string' },
      'pin-env': { type: 'string' },
    });
    // A new computer's folder may not exist yet.
    const dataDir = dataDirFrom(values.data);
    if (positionals.length !== 1) {
      console.error('请指定一个备份文件 / give exactly one backup FILE');
      return EXIT.CANNOT_RUN;
    }
    const file = resolve(positionals[0]!);
    let keyring: Keyring | null;
    try {
      if (values.key) {
        keyring = new Keyring(readKeyFile(resolve(values.key)));
      } else {
        const plain = readPlainSecret(dataDir);
        keyring = plain ? new Keyring(plain) : null;
      }
      // Read-only and shown before any login: what the file holds and whether it verifies.
      const p = inspectBackup(file, keyring);
      console.log(`备份 / backup: ${p.file} (${p.bytes} bytes)`);
      console.log(
        `  ${p.villageName} ${p.storeName}: 农户 ${p.counts.households}, 成员 ${p.counts.members}, 商品 ${p.counts.goods}, 账本 ${p.counts.ledgerRows} 行, 兑换单 ${p.counts.redemptions}`,
      );
      console.log(
        `  营业日 / business dates: ${p.firstBusinessDate ?? '-'} … ${p.lastBusinessDate ?? '-'}; 最后活动 / last activity ${p.lastActivityAt ?? '-'}`,
      );
      if (!p.verified.ok) {
        console.error('备份校验未通过，拒绝恢复 / the backup does not verify; refused:');
        for (const pr of p.verified.problems) console.error(`  ${pr.message}\n    ${pr.table} row ${pr.rowId}: ${formatProblem(pr, 'en')}`);
        return EXIT.INPUT_ERRORS;
      }
      if (p.sameKey === false) {
        console.error(new AppError('BACKUP_OTHER_KEY').message + '（可用 --key 指定 / use --key KEYFILE）');
        return EXIT.INPUT_ERRORS;
      }
    } catch (e) {
      console.error(`恢复被拒绝，数据未变 / restore refused, data unchanged: ${e instanceof Error ? e.message : String(e)}`);
      return EXIT.INPUT_ERRORS;
    }
    if (values.key && keyring && !installKey(dataDir, keyring)) return EXIT.CANNOT_RUN;

    const core = new Core({ dataDir });
    try {
      const setup = dispatch(core, null, 'setup.status', {});
      let started: ReturnType<typeof dispatch>;
      if (setup.ok && !(setup.value as SetupStatus).initialized) {
        console.log('此数据文件夹还没有操作员（新电脑），无需登录 / no operator here yet (a new computer): no login needed');
        started = dispatch(core, null, 'setup.restore', { file });
      } else {
        const login = await cliLogin(core, values.operator, values['pin-env']);
        if (!login) return EXIT.CANNOT_RUN;
        started = dispatch(core, login.token, 'backup.restore', { file, pin: login.pin });
        // A restore logs everyone out; this ends the session if it was refused instead.
        login.logout();
      }
      if (!started.ok) return refused(started.error);
      const outcome = (await restoreSettled(core)).last;
      console.log(`当前数据已另存 / previous data kept at: ${outcome?.safetyCopy ?? '-'}`);
      if (outcome?.ok) {
        console.log('恢复完成，校验通过 / restored and verified');
        return EXIT.DONE;
      }
      console.error(`恢复被拒绝或失败 / restore refused or failed: ${outcome?.error ?? ''}`);
      return EXIT.INPUT_ERRORS;
    } finally {
      core.close();
    }
  },
};

/**
 * --key: the backup's key goes in before the store is created, on a new computer only.
 * A folder that already holds data keeps its key: the data there is sealed with it, and
 * the copy kept before the restore must still verify.
 */
function installKey(dataDir: string, keyring: Keyring): boolean {
  if (existsSync(join(dataDir, DB_FILE))) {
    const current = readPlainSecret(dataDir);
    if (current && new Keyring(current).fingerprint() === keyring.fingerprint()) return true;
    console.error(
      '此数据文件夹已有数据，且用的是另一把密钥：--key 只用于新电脑上还没有数据的数据文件夹 / this data folder holds data under another key: use --key with a new, empty data folder',
    );
    return false;
  }
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SECRET_FILE);
  // Keep a key file found here: it may still open something.
  if (existsSync(file)) copyFileSync(file, `${file}.before-restore-${Date.now()}`);
  writeFileSync(file, keyring.exportHex() + '\n', { mode: 0o600 });
  return true;
}
