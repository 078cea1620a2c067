/**
 * 华视 (Chinavision) CVR-100 series: termb.dll on Windows, libtermb.so on Linux. The calls,
 * as the maker's SDK and its published examples declare them (stdcall on 32-bit Windows;
 * koffi ignores the convention where the platform has only one):
 *
 *   int CVR_InitComm(int Port)         1 = opened; Port 1-16 serial, 1001-1016 USB
 *   int CVR_Authenticate(void)         1 = a card is on the reader and authenticated
 *   int CVR_Read_Content(int Active)   1 = read; the text is then fetched field by field
 *   int GetPeopleIDCode(char*, int*)   the 18-character number, ASCII
 *   int CVR_CloseComm(void)
 *
 * GetPeopleName, GetPeopleAddress and the photo calls (GetBMPData…) exist too; the store
 * calls none of them: it needs the number only, to find the household.
 */
import type { CardReaderDriver } from '../../../db/hardware/card-reader.js';
import { ReaderUnavailable } from '../../../db/hardware/card-reader.js';
import { bind, callAsync, openLibrary, removeLeftovers } from './library.js';

export function openCvr(libraryPath: string, port: number): CardReaderDriver {
  const lib = openLibrary(libraryPath);
  const initComm = bind(lib, 'int __stdcall CVR_InitComm(int Port)');
  const closeComm = bind(lib, 'int __stdcall CVR_CloseComm()');
  const authenticate = bind(lib, 'int __stdcall CVR_Authenticate()');
  const readContent = bind(lib, 'int __stdcall CVR_Read_Content(int Active)');
  const getIdCode = bind(lib, 'int __stdcall GetPeopleIDCode(_Out_ uint8_t *strTmp, _Inout_ int *strLen)');
  if (initComm(port) !== 1) {
    lib.unload();
    throw new ReaderUnavailable('READER_NOT_CONNECTED', { port });
  }
  let closed = false;
  return {
    async read() {
      if ((await callAsync(authenticate)) !== 1) return null;
      // 1: the text (older SDKs also decode the photo to a file, which is removed below).
      const ok = (await callAsync(readContent, 1)) === 1;
      removeLeftovers(libraryPath);
      if (!ok) return null;
      const buf = Buffer.alloc(64);
      const len = [buf.length];
      const got = getIdCode(buf, len) === 1;
      const idNumber = buf
        .subarray(0, Math.min(len[0] ?? 0, buf.length))
        .toString('latin1')
        .replace(/\0.*$/s, '')
        .trim();
      buf.fill(0);
      return got && idNumber ? { idNumber } : null;
    },
    close() {
      if (closed) return;
      closed = true;
      closeComm();
      lib.unload();
    },
  };
}
