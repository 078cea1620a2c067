import { existsSync, writeFileSync } from 'node:fs';
import { EXIT } from './exit-codes.js';
import { resolve } from 'node:path';
import { goodsTemplate } from '../../db/stock/import.js';
import { parse, type Command } from './args.js';
import { writeEvaluationTemplate } from './import-evaluation.js';
import { writeHouseholdsTemplate } from './import-households.js';

export const templateCommand: Command = {
  name: 'template',
  usage: 'template goods|households|evaluation --out FILE [--data DIR --month YYYY-MM]',
  summary: '写出商品导入模板：FILE 以 .xlsx 结尾写 Excel 模板（含填写说明），以 .csv 结尾写 CSV 模板（UTF-8）。',
  run(argv) {
    // The evaluation sheet comes from a store's rule book and roster, so it takes --data and --month too.
    if (argv[0] === 'evaluation') return Promise.resolve(writeEvaluationTemplate(argv.slice(1)));
    const { values, positionals } = parse(argv, { out: { type: 'string' }, force: { type: 'boolean' } });
    if (positionals[0] === 'households') return Promise.resolve(writeHouseholdsTemplate(values.out, values.force ?? false));
    if (positionals[0] !== 'goods') {
      console.error('可以生成的模板 / templates: goods（例如 template goods --out 商品导入模板.xlsx）');
      return Promise.resolve(EXIT.CANNOT_RUN);
    }
    if (!values.out) {
      console.error('请用 --out 指定文件 / --out FILE is required');
      return Promise.resolve(EXIT.CANNOT_RUN);
    }
    const out = resolve(values.out);
    const format = out.toLowerCase().endsWith('.csv') ? 'csv' : out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : null;
    if (!format) {
      console.error('文件名应以 .xlsx 或 .csv 结尾 / the file must end in .xlsx or .csv');
      return Promise.resolve(EXIT.CANNOT_RUN);
    }
    if (existsSync(out) && !values.force) {
      console.error(`文件已存在，不覆盖（加 --force 覆盖）/ will not overwrite without --force: ${out}`);
      return Promise.resolve(EXIT.CANNOT_RUN);
    }
    writeFileSync(out, goodsTemplate(format).bytes);
    console.log(`已写出模板 / template written: ${out}`);
    return Promise.resolve(EXIT.DONE);
  },
};
