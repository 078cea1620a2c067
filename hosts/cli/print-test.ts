import { PRINT_TEST_USAGE, runPrintTestCli } from '../../db/printing/cli.js';
import type { Command } from './args.js';

export const printTestCommand: Command = {
  name: 'print-test',
  usage: 'print-test --printer URI [--width 58|80] [--preview]',
  summary: '向打印机发送一张测试小票（中文、长商品名换行、二维码、切纸），不需要数据目录。',
  help: PRINT_TEST_USAGE,
  run: (argv) => runPrintTestCli(argv),
};
