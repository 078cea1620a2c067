import { existsSync } from 'node:fs';
import { EXIT, existingDataDir } from './exit-codes.js';
import { join } from 'node:path';
import { DB_FILE } from '../../db/core.js';
import { Keyring, readPlainSecret } from '../../db/platform/crypto/secret.js';
import { openDatabase } from '../../db/platform/open.js';
import { chainKeyFrom } from '../../db/books/hash-chain.js';
import { installBooksKey } from '../../db/books/seals.js';
import { describeProblem, formatProblem } from '../../db/contract/problems.js';
import { checkWitness, describeWitness } from '../../db/books/witness.js';
import { verifyDatabase } from '../../db/trust/integrity/verify.js';
import { parse, type Command } from './args.js';

export const verifyCommand: Command = {
  name: 'verify',
  usage: 'verify --data DIR [--json] [--witness CODE…]',
  summary: '校验数据：重算每户积分和库存、检查账本和操作日志的哈希链；全部通过退出码 0，否则列出出错的表和行并返回 1。',
  help: [
    'verify --data DIR [--json]',
    '',
    '完整校验数据文件夹中的数据库（只读，不改任何数据）：',
    '  · SQLite 完整性检查；账本与操作日志的哈希链；签名检查点',
    '  · 每户每本存折的余额、每种商品的库存与流水是否一致；兑换单与账本是否一致',
    '--json  以 JSON 输出报告 / print the report as JSON',
    '--witness CODE  小票、日结单上的见证码（如 "#1234 7QX2-M9KD"，可多次）：账本是否仍包含那段历史 / a witness code from paper (repeatable): do the books still hold that history',
  ].join('\n'),
  run(argv) {
    const { values } = parse(argv, { data: { type: 'string' }, json: { type: 'boolean' }, witness: { type: 'string', multiple: true } });
    const dataDir = existingDataDir(values.data);
    const file = join(dataDir, DB_FILE);
    if (!existsSync(file)) {
      console.error(`找不到数据库 / no database: ${file}`);
      return Promise.resolve(EXIT.CANNOT_RUN);
    }
    // The key is used when it is in a plain key file; a desktop-sealed key cannot be read
    // here, and then the signed checkpoint is simply not checked (said below).
    let secret: Buffer | null = null;
    try {
      secret = readPlainSecret(dataDir);
    } catch (e) {
      console.error(e instanceof Error ? e.message : String(e));
    }
    // The chains are keyed: without the key nothing can be said about them.
    if (!secret) {
      console.error('账本用本机密钥签名，找不到明文密钥文件 secret.key，无法校验 / the books are keyed and no plain key file was found: cannot verify');
      return Promise.resolve(EXIT.CANNOT_RUN);
    }
    const db = openDatabase(file, { readonly: true, migrate: false });
    installBooksKey(db, chainKeyFrom(secret));
    try {
      const report = verifyDatabase(db, { keyring: new Keyring(secret) });
      const witnesses = (values.witness ?? []).map((c) => checkWitness(db, c));
      const witnessesHold = witnesses.every((w) => w.outcome === 'held');
      // JSON: each problem's code and parameters, with both renderings for a reader without the table.
      const problems = report.problems.map((p) => ({ ...p, message: describeProblem(p, 'zh'), messageEn: describeProblem(p, 'en') }));
      if (values.json) console.log(JSON.stringify({ ...report, problems, witnesses }, null, 2));
      else {
        const c = report.checked;
        console.log(`已检查 / checked: 账本 ${c.ledgerRows} 行, 操作日志 ${c.auditRows} 行, 账户 ${c.accounts}, 商品 ${c.goods}, 兑换单 ${c.redemptions}`);
        if (report.ok) console.log('校验通过 / verify OK');
        else {
          console.log(`发现 ${report.problems.length} 处问题 / ${report.problems.length} problem(s):`);
          // Chinese for the accountant, then the English line that names table and row.
          for (const p of report.problems) console.log(`  ${describeProblem(p, 'zh')}\n    ${p.table} row ${p.rowId}: ${formatProblem(p, 'en')}`);
        }
      }
      if (!values.json) for (const w of witnesses) console.log(describeWitness(w));
      return Promise.resolve(report.ok && witnessesHold ? EXIT.DONE : EXIT.INPUT_ERRORS);
    } finally {
      db.close();
    }
  },
};
