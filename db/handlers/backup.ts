import type { backupOps } from '../contract/ops/backup.js';
import { inspectBackup } from '../trust/backup/copy.js';
import { backupStatus, configureBackups, restoreStatus, startBackup, startBackupToFile, startRestore } from '../trust/backup/service.js';
import { integrityStatus, runFullVerify } from '../trust/integrity/run.js';
import { checkWitnesses } from '../trust/integrity/witness-check.js';
import { audit } from '../books/audit.js';
import { verifyApproverPin } from '../books/operators.js';
import type { HandlerMap } from './types.js';

export const backupHandlers: HandlerMap<keyof typeof backupOps> = {
  'integrity.status': ({ core }) => integrityStatus(core),
  'integrity.verify': ({ core, session }) => runFullVerify(core, session.operatorId),
  'integrity.witness': ({ core }, { codes }) => checkWitnesses(core.db, codes),
  'backup.status': ({ core }) => backupStatus(core),
  'backup.configure': ({ core, session }, input) => configureBackups(core, session.operatorId, input),
  'backup.run': ({ core, session }, { out }) => {
    if (out === undefined) startBackup(core, session.operatorId);
    else startBackupToFile(core, out, session.operatorId);
    return { started: true };
  },
  'backup.inspect': ({ core }, { file }) => inspectBackup(file, core.keyring),
  'backup.restore': ({ core, session }, { file, pin }) => {
    // Replacing all data is the one thing worth asking for the PIN again.
    verifyApproverPin(core, session, session.operatorId, pin, 'backup.restore');
    startRestore(core, file, session.operatorId);
    return { started: true };
  },
  'restore.status': ({ core }) => restoreStatus(core),
  'backup.exportKey': ({ core, session }, { pin }) => {
    verifyApproverPin(core, session, session.operatorId, pin, 'backup.exportKey');
    const { createdAt, businessDate } = core.stamp();
    audit(core.db, createdAt, session.operatorId, 'backup.exportKey', null, { fingerprint: core.keyring.fingerprint() });
    const text = [
      '# 积分超市 安装密钥 / points store installation key',
      '# 警告：此密钥用于查验身份证号（哈希）和户卡签名。请与备份分开保管（例如锁在村委会保险柜里），',
      '# 不要和备份放在同一个 U 盘上；任何拿到密钥和备份的人，都可以逐一试出村民的身份证号。',
      `# 指纹 fingerprint: ${core.keyring.fingerprint()}  导出日期: ${businessDate}`,
      '# 恢复方法：把本文件改名为 secret.key，放入新电脑的数据文件夹，再恢复备份。',
      core.keyring.exportHex(),
      '',
    ].join('\n');
    return { fileName: `积分超市密钥-${businessDate}.key.txt`, mimeType: 'text/plain;charset=utf-8', base64: Buffer.from(text, 'utf8').toString('base64') };
  },
};
