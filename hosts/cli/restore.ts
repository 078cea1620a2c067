/**
 * restore --data DIR FILE --operator NAME [--pin-env VAR] [--key KEYFILE]
 * Replaces all data with a backup's through the same contract operation as the screen
 * (`backup.restore`): an administrator's login and PIN, the role checked by the core, the
 * restore audited with the administrator's name. The backup is shown and checked first;
 * a corrupt or tampered one is refused before anyone is asked for a PIN.
 */
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { EXIT, existingDataDir, refused } from './exit-codes.js';
import { join, resolve } from 'node:path';
import { inspectBackup } from '../../db/trust/backup/copy.js';
import { restoreSettled } from '../../db/trust/backup/service.js';
import { AppError } from '../../db/contract/errors.js';
import { Core } from '../../db/core.js';
import { dispatch } from '../../db/dispatch.js';
import { Keyring, readKeyFile, readPlainSecret, SECRET_FILE } from '../../db/platform/crypto/secret.js';
import { parse, type Command } from './args.js';
import { cliLogin, type CliLogin } from './operator-login.js';

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore --data DIR FILE --operator NAME [--pin-env VAR] [--key KEYFILE]',
  summary: '从备份文件恢复全部数据（管理员登录；先检查备份，损坏或校验不通过的备份会被拒绝；恢复前自动保留当前数据的副本）。请先关闭积分超市。',
  help: [
    'restore --data DIR FILE --operator NAME [--pin-env VAR] [--key KEYFILE]',
    '',
    '先显示备份内容并检查（完整性检查 + 校验），损坏的备份会被拒绝，数据不变。',
    '恢复需要管理员登录（与界面上的恢复相同）：--operator 姓名，PIN 取自环境变量 STORE_PIN（或 --pin-env 指定的变量），或在终端输入。',
    '恢复前把当前数据另存为 points-store-before-restore-*.sqlite（在备份文件夹或 DIR/backups）。',
    '--key KEYFILE  同时放回该备份对应的密钥（换新电脑时需要；导出的密钥文件可直接使用）',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parse(argv, { data: { type: 'string' }, key: { type: 'string' }, operator: { type: 'string' }, 'pin-env': { type: 'string' } });
    const dataDir = existingDataDir(values.data);
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
      console.log(`  ${p.villageName} ${p.storeName}: 农户 ${p.counts.households}, 成员 ${p.counts.members}, 商品 ${p.counts.goods}, 账本 ${p.counts.ledgerRows} 行, 兑换单 ${p.counts.redemptions}`);
      console.log(`  营业日 / business dates: ${p.firstBusinessDate ?? '-'} … ${p.lastBusinessDate ?? '-'}; 最后活动 / last activity ${p.lastActivityAt ?? '-'}`);
      if (!p.verified.ok) {
        console.error('备份校验未通过，拒绝恢复 / the backup does not verify; refused:');
        for (const pr of p.verified.problems) console.error(`  ${pr.table} row ${pr.rowId}: ${pr.problem}`);
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

    let core = new Core({ dataDir });
    try {
      let login = await cliLogin(core, values.operator, values['pin-env']);
      if (!login) return EXIT.CANNOT_RUN;
      if (values.key && keyring) {
        // The backup's key goes in before the restore (the core opens with its key), but
        // only for an administrator: the contract's role check comes first.
        const allowed = dispatch(core, login.token, 'backup.inspect', { file });
        login.logout();
        if (!allowed.ok) return refused(allowed.error);
        core.close();
        // Keep the key being replaced: it still opens the data saved just before the restore.
        const current = join(dataDir, SECRET_FILE);
        if (existsSync(current)) copyFileSync(current, `${current}.before-restore-${Date.now()}`);
        writeFileSync(current, keyring.exportHex() + '\n', { mode: 0o600 });
        core = new Core({ dataDir });
        login = relogin(core, login);
        if (!login) return EXIT.CANNOT_RUN;
      }
      const started = dispatch(core, login.token, 'backup.restore', { file, pin: login.pin });
      // A restore logs everyone out; this ends the session if it was refused instead.
      login.logout();
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

/** The same operator and PIN again, on the core reopened with the backup's key. */
function relogin(core: Core, first: CliLogin): CliLogin | null {
  const again = dispatch(core, null, 'session.login', { operatorId: first.operator.id, pin: first.pin });
  if (!again.ok) {
    console.error(again.error.message);
    return null;
  }
  const token = (again.value as { token: string }).token;
  return { ...first, token, logout: () => void dispatch(core, token, 'session.logout', {}) };
}
