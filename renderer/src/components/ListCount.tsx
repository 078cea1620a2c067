import { Typography } from 'antd';
import { useOfficeT } from '../i18n/office.js';

/**
 * How many rows a list holds, and how many of them are shown when the screen shows fewer:
 * "共 12 条" or "显示 2000 条，共 2310 条". Every list that may be cut says so (issue 15).
 */
export function ListCount({ shown, total, testId }: { shown: number; total: number; testId?: string }) {
  const o = useOfficeT();
  return (
    <Typography.Text type={shown < total ? 'warning' : 'secondary'} data-testid={testId}>
      {shown < total ? o('list.shownOf', { shown, total }) : o('list.total', { total })}
    </Typography.Text>
  );
}
