/**
 * The hosts' card reader loader: picks the maker's profile named in 设置 → 读卡器 and opens
 * its library. Given to the core (CoreOptions.readerLoader) by the browser host and the
 * desktop host; the core polls it and never sees koffi.
 */
import type { ReaderLoader } from '../../../db/hardware/card-reader.js';
import { ReaderUnavailable } from '../../../db/hardware/card-reader.js';
import { openCvr } from './cvr.js';
import { openSdtapi } from './sdtapi.js';

export const koffiReaderLoader: ReaderLoader = (settings) => {
  switch (settings.profile) {
    case 'cvr':
      return openCvr(settings.libraryPath, settings.port);
    case 'sdtapi':
      return openSdtapi(settings.libraryPath, settings.port);
    case 'keyboard':
      throw new ReaderUnavailable('READER_NO_HOST');
  }
};
