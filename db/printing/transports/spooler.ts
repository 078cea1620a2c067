/**
 * The OS print queue, raw (the bytes go to the printer unchanged, no driver rendering):
 *
 * - Linux / macOS: `lp -d NAME -o raw`, the bytes on stdin. Success means CUPS accepted
 *   the job; CUPS then retries by itself if the printer is off.
 * - Windows: PowerShell with a small C# class (Add-Type) calling winspool.drv
 *   OpenPrinter / StartDocPrinter (datatype "RAW") / WritePrinter — the documented way to
 *   send raw data to a Windows printer (Microsoft KB 322091). The printer name and a temp
 *   file holding the bytes are passed in environment variables, never spliced into the
 *   script. This path cannot run in our Linux CI; it is covered by the manual test in
 *   README.md (print-test with spooler:NAME on the counter PC).
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../contract/errors.js';
import type { PrinterTransport, PrintPayload, ProbeResult } from './types.js';
import { describeTarget, type SpoolerTarget } from './uri.js';

const SPOOLER_TIMEOUT_MS = 30000;

export const WINDOWS_RAW_PRINT_SCRIPT = String.raw`
$ErrorActionPreference = 'Stop'
$code = @'
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
public static class VpsRawPrinter {
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  public class DOCINFOW {
    [MarshalAs(UnmanagedType.LPWStr)] public string pDocName;
    [MarshalAs(UnmanagedType.LPWStr)] public string pOutputFile;
    [MarshalAs(UnmanagedType.LPWStr)] public string pDatatype;
  }
  [DllImport("winspool.drv", EntryPoint = "OpenPrinterW", SetLastError = true, CharSet = CharSet.Unicode)]
  public static extern bool OpenPrinter(string pPrinterName, out IntPtr phPrinter, IntPtr pDefault);
  [DllImport("winspool.drv", SetLastError = true)]
  public static extern bool ClosePrinter(IntPtr hPrinter);
  [DllImport("winspool.drv", EntryPoint = "StartDocPrinterW", SetLastError = true, CharSet = CharSet.Unicode)]
  public static extern int StartDocPrinter(IntPtr hPrinter, int level, [In, MarshalAs(UnmanagedType.LPStruct)] DOCINFOW di);
  [DllImport("winspool.drv", SetLastError = true)]
  public static extern bool EndDocPrinter(IntPtr hPrinter);
  [DllImport("winspool.drv", SetLastError = true)]
  public static extern bool StartPagePrinter(IntPtr hPrinter);
  [DllImport("winspool.drv", SetLastError = true)]
  public static extern bool EndPagePrinter(IntPtr hPrinter);
  [DllImport("winspool.drv", SetLastError = true)]
  public static extern bool WritePrinter(IntPtr hPrinter, byte[] pBytes, int dwCount, out int dwWritten);
  static Exception Fail(string what) { return new Win32Exception(Marshal.GetLastWin32Error(), what); }
  public static void Send(string printer, string docName, byte[] data) {
    IntPtr h;
    if (!OpenPrinter(printer, out h, IntPtr.Zero)) throw Fail("OpenPrinter");
    try {
      DOCINFOW di = new DOCINFOW();
      di.pDocName = docName;
      di.pDatatype = "RAW";
      if (StartDocPrinter(h, 1, di) == 0) throw Fail("StartDocPrinter");
      try {
        if (!StartPagePrinter(h)) throw Fail("StartPagePrinter");
        int written;
        if (!WritePrinter(h, data, data.Length, out written)) throw Fail("WritePrinter");
        if (written != data.Length) throw new Exception("WritePrinter wrote " + written + " of " + data.Length + " bytes");
        if (!EndPagePrinter(h)) throw Fail("EndPagePrinter");
      } finally { EndDocPrinter(h); }
    } finally { ClosePrinter(h); }
  }
}
'@
Add-Type -TypeDefinition $code -Language CSharp
$bytes = [System.IO.File]::ReadAllBytes($env:VPS_PRINT_FILE)
[VpsRawPrinter]::Send($env:VPS_PRINTER_NAME, $env:VPS_PRINT_DOC, $bytes)
`;

interface RunResult {
  code: number | null;
  stderr: string;
}

/** The print command ran past SPOOLER_TIMEOUT_MS and was stopped (told apart by type, not by text). */
class SpoolerTimeout extends Error {
  constructor() {
    super('timeout');
    this.name = 'SpoolerTimeout';
  }
}

function run(cmd: string, args: readonly string[], stdin: Buffer | null, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true });
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new SpoolerTimeout());
    }, SPOOLER_TIMEOUT_MS);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      if (stderr.length < 4000) stderr += d;
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr: stderr.trim() });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin ?? undefined);
  });
}

export class SpoolerTransport implements PrinterTransport {
  readonly description: string;

  constructor(
    private readonly target: SpoolerTarget,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.description = describeTarget(target);
  }

  private failed(detail: string): AppError {
    return new AppError('PRINTER_SPOOLER_FAILED', { target: this.target.name, detail: detail.slice(0, 200) || '未知错误' });
  }

  async send(payload: PrintPayload): Promise<void> {
    if (this.platform === 'win32') return this.sendWindows(payload);
    let res: RunResult;
    try {
      res = await run('lp', ['-d', this.target.name, '-o', 'raw', '-t', payload.document.title], payload.bytes, process.env);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw this.failed(e.code === 'ENOENT' ? '找不到 lp 命令（需要安装 CUPS）' : err instanceof SpoolerTimeout ? '超时' : e.message);
    }
    if (res.code !== 0) throw this.failed(res.stderr || `lp 退出码 ${String(res.code)}`);
  }

  private async sendWindows(payload: PrintPayload): Promise<void> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vps-print-'));
    const file = path.join(dir, 'job.bin');
    try {
      await fs.writeFile(file, payload.bytes);
      const encoded = Buffer.from(WINDOWS_RAW_PRINT_SCRIPT, 'utf16le').toString('base64');
      const env = { ...process.env, VPS_PRINT_FILE: file, VPS_PRINTER_NAME: this.target.name, VPS_PRINT_DOC: payload.document.title };
      let res: RunResult;
      try {
        res = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded], null, env);
      } catch (err) {
        throw this.failed(err instanceof Error ? err.message : String(err));
      }
      if (res.code !== 0) throw this.failed(res.stderr || `powershell 退出码 ${String(res.code)}`);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  async probe(): Promise<ProbeResult> {
    if (this.platform === 'win32') return { reachable: null, error: null };
    try {
      const res = await run('lpstat', ['-p', this.target.name], null, process.env);
      if (res.code === 0) return { reachable: true, error: null };
      return { reachable: false, error: this.failed(res.stderr).message };
    } catch {
      return { reachable: null, error: null };
    }
  }
}
