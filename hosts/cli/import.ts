import type { Command } from './args.js';
import { EXIT } from './exit-codes.js';
import { importGoods } from './import-goods.js';
import { importEvaluationCli } from './import-evaluation.js';
import { importHouseholds } from './import-households.js';

/** What can be imported: `import <kind> FILE ...`. Other areas add their kind here. */
const KINDS: Record<string, (argv: string[]) => Promise<number>> = {
  goods: importGoods,
  households: importHouseholds,
  evaluation: importEvaluationCli,
};

export const importCommand: Command = {
  name: 'import',
  usage: 'import goods|households|evaluation FILE --data DIR [--month YYYY-MM] [--dry-run] [--operator NAME]',
  summary: '从 XLSX 或 CSV（UTF-8 或 GBK）导入商品或农户花名册：逐行检查，任何一行有错都不导入；--dry-run 只检查。',
  help: [
    'import goods FILE --data DIR [--dry-run] [--operator NAME]',
    '',
    '从 XLSX 或 CSV 文件导入商品，检查规则与界面上的导入完全相同：',
    '  · 每一行有错都会列出行号和原因；只要有一行有错，就一种也不导入',
    '  · 同名同单位的现有商品、已被使用的条码会被拒绝',
    '  · “期初库存”列的数量记为期初入库',
    '--dry-run         只检查，不导入（不需要操作员）',
    '--operator NAME   以哪位会计或管理员的名义导入；PIN 从环境变量 STORE_PIN 读取，或在终端中输入',
    '模板 / template:  template goods --out 商品导入模板.xlsx',
    '',
    'import households FILE：导入农户花名册（每人一行，同户同户号，每户一行“户主”）；身份证号校验位错误等问题逐行报出行号。',
    '模板 / template:  template households --out 花名册模板.xlsx',
    '',
    'import evaluation FILE --month YYYY-MM：导入月度评比表（每户一行，每个细则项目一列，填分数或 ✓），逐格检查分值范围和每户上限；任何一格有错都不导入；导入的记录等待审核。',
    '模板 / template:  template evaluation --data DIR --month YYYY-MM --out 评比表.xlsx',
  ].join('\n'),
  run(argv) {
    const [kind, ...rest] = argv;
    const handler = kind ? KINDS[kind] : undefined;
    if (!handler) {
      console.error(`可以导入 / can import: ${Object.keys(KINDS).join(', ')}（例如 import goods FILE --data DIR）`);
      return Promise.resolve(EXIT.CANNOT_RUN);
    }
    return handler(rest);
  },
};
