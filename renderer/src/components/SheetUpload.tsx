import { InboxOutlined } from '@ant-design/icons';
import { Alert, Upload } from 'antd';
import type { ErrorBody } from '../../../db/contract/errors.js';
import { useI18n } from '../i18n/index.js';

/**
 * The pick-a-sheet box of an import (roster, monthly evaluation sheet): drop or choose an
 * .xlsx/.csv file, the file's name once picked, and the refusal under it. The file is
 * handed to `onPick` and never uploaded by antd itself; the caller previews it through
 * the core.
 */
export function SheetUpload({
  fileName,
  placeholder,
  onPick,
  error,
  testId,
}: {
  fileName: string | null;
  placeholder: string;
  onPick: (f: File) => void;
  error: ErrorBody | string | null;
  testId: string;
}) {
  const { errorText } = useI18n();
  return (
    <>
      <Upload.Dragger
        accept=".xlsx,.csv"
        showUploadList={false}
        beforeUpload={(f) => {
          onPick(f);
          return false;
        }}
        data-testid={testId}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{fileName ?? placeholder}</p>
      </Upload.Dragger>
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon role="alert" title={typeof error === 'string' ? error : errorText(error)} />}
    </>
  );
}
