/**
 * `print-test --printer URI --width 58|80`: the CLI command, ready to be routed.
 * Exit codes: 0 printed, 1 printer error, 2 bad arguments.
 */
import { AppError } from '../contract/errors.js';
import { printTest } from './print-test.js';
import { previewText } from './preview.js';

export const PRINT_TEST_USAGE = `用法 Usage: print-test --printer URI [--width 58|80] [--preview]
  URI 示例 examples:
    tcp://192.168.1.50:9100     网络打印机 network printer (raw 9100)
    /dev/usb/lp0                USB 打印机设备 (Linux)
    \\\\.\\COM3  或 \\\\电脑名\\共享名   Windows 端口或共享打印机
    spooler:XP-58               系统打印队列（原始数据） OS print queue, raw
  --width 纸宽 paper width in mm (默认 default 58)
  --preview 同时在屏幕上显示打印内容 also show the receipt text`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: CliIo = {
  out: (l) => process.stdout.write(l + '\n'),
  err: (l) => process.stderr.write(l + '\n'),
};

interface Parsed {
  printer: string;
  width: 58 | 80;
  preview: boolean;
}

function parseArgs(argv: readonly string[]): Parsed | string {
  let printer: string | null = null;
  let width: 58 | 80 = 58;
  let preview = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | null => {
      if (inline !== undefined) return inline;
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) return null;
      i++;
      return v;
    };
    switch (flag) {
      case 'print-test':
        if (i === 0) break;
        return `未知参数 unknown argument: ${a}`;
      case '--printer': {
        const v = value();
        if (!v) return '--printer 需要一个打印机地址 (needs a printer address)';
        printer = v;
        break;
      }
      case '--width': {
        const v = value();
        if (v !== '58' && v !== '80') return '--width 只能是 58 或 80 (must be 58 or 80)';
        width = v === '80' ? 80 : 58;
        break;
      }
      case '--preview':
        preview = true;
        break;
      case '--help':
      case '-h':
        return '';
      default:
        return `未知参数 unknown argument: ${a}`;
    }
  }
  if (!printer) return '缺少 --printer (missing --printer)';
  return { printer, width, preview };
}

/** Runs `print-test`; argv is what follows the command name (a leading "print-test" is accepted). */
export async function runPrintTestCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    if (parsed) io.err(parsed);
    io.err(PRINT_TEST_USAGE);
    return parsed ? 2 : 0;
  }
  try {
    const r = await printTest({ uri: parsed.printer, width: parsed.width });
    if (parsed.preview) for (const l of previewText(r.document)) io.out(l);
    io.out(`✓ 测试页已发送到 ${r.target}（${parsed.width} mm，${r.bytes} 字节）。请检查：中文清晰、右边不超出、长名称换行、二维码可扫描、已切纸。`);
    io.out(`  Test page sent to ${r.target} (${parsed.width} mm, ${r.bytes} bytes).`);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      io.err(`✗ 打印失败：${err.message}`);
      io.err(`  Print failed: ${err.code}`);
      // The CLI's one table (hosts/cli/exit-codes.ts): a bad address is a wrong command line and
      // a printer that does not answer means the command could not run; both are 2.
      return 2;
    }
    io.err(`✗ 打印失败 Print failed: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
}
