/**
 * The public SDTAPI (sdtapi.dll / libsdtapi.so, the 公安部 reference interface that
 * 精伦 iDR210 and many other readers ship). Its calls, as published:
 *
 *   int SDT_OpenPort(int iPort)                                   0x90 = opened (1001 = first USB)
 *   int SDT_StartFindIDCard(int iPort, unsigned char *pucIIN, int iIfOpen)   0x9F = card found
 *   int SDT_SelectIDCard(int iPort, unsigned char *pucSN, int iIfOpen)       0x90 = selected
 *   int SDT_ReadBaseMsg(int iPort, unsigned char *pucCHMsg, unsigned int *puiCHMsgLen,
 *                       unsigned char *pucPHMsg, unsigned int *puiPHMsgLen, int iIfOpen)  0x90 = read
 *   int SDT_ClosePort(int iPort)
 *
 * The text block is 256 bytes of UCS-2LE fixed fields (name 30, sex 2, nation 4, birth 16,
 * address 70, ID number 36 at byte 122, …). Only the ID number is decoded; the address
 * bytes and the photo block (the WLT image, 1024 bytes) are wiped as soon as the call returns.
 */
import type { CardReaderDriver } from '../../../db/hardware/card-reader.js';
import { ReaderUnavailable } from '../../../db/hardware/card-reader.js';
import { bind, callAsync, openLibrary, removeLeftovers } from './library.js';

const OK = 0x90;
const CARD_FOUND = 0x9f;
const ID_OFFSET = 122;
const ID_BYTES = 36;

export function openSdtapi(libraryPath: string, port: number): CardReaderDriver {
  const lib = openLibrary(libraryPath);
  const openPort = bind(lib, 'int __stdcall SDT_OpenPort(int iPort)');
  const closePort = bind(lib, 'int __stdcall SDT_ClosePort(int iPort)');
  const findCard = bind(lib, 'int __stdcall SDT_StartFindIDCard(int iPort, _Out_ uint8_t *pucIIN, int iIfOpen)');
  const selectCard = bind(lib, 'int __stdcall SDT_SelectIDCard(int iPort, _Out_ uint8_t *pucSN, int iIfOpen)');
  const readBase = bind(
    lib,
    'int __stdcall SDT_ReadBaseMsg(int iPort, _Out_ uint8_t *pucCHMsg, _Inout_ uint32_t *puiCHMsgLen, _Out_ uint8_t *pucPHMsg, _Inout_ uint32_t *puiPHMsgLen, int iIfOpen)',
  );
  if (openPort(port) !== OK) {
    lib.unload();
    throw new ReaderUnavailable('READER_NOT_CONNECTED', { port });
  }
  let closed = false;
  return {
    async read() {
      const scratch = Buffer.alloc(64);
      if ((await callAsync(findCard, port, scratch, 0)) !== CARD_FOUND) return null;
      if ((await callAsync(selectCard, port, scratch, 0)) !== OK) return null;
      const text = Buffer.alloc(256);
      const photo = Buffer.alloc(1024);
      try {
        const r = await callAsync(readBase, port, text, [text.length], photo, [photo.length], 0);
        removeLeftovers(libraryPath);
        if (r !== OK) return null;
        const idNumber = text
          .subarray(ID_OFFSET, ID_OFFSET + ID_BYTES)
          .toString('utf16le')
          .replace(/\0.*$/s, '')
          .trim();
        return idNumber ? { idNumber } : null;
      } finally {
        text.fill(0);
        photo.fill(0);
      }
    },
    close() {
      if (closed) return;
      closed = true;
      closePort(port);
      lib.unload();
    },
  };
}
