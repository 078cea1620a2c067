import { FullscreenOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useHardwareT } from '../i18n/hardware.js';
import { useI18n } from '../i18n/index.js';
import { becomeBoardDisplay } from './openDisplay.js';

/**
 * 红榜 → 全屏展示: this screen becomes the public board display (its own display
 * credential; the operator is logged out, so the idle lock has nothing to lock).
 */
export function BoardDisplayButton() {
  const t = useHardwareT();
  const { errorText } = useI18n();
  const { modal, message } = App.useApp();
  const open = (): void => {
    modal.confirm({
      title: t('display.board'),
      content: t('display.boardConfirm'),
      onOk: async () => {
        const error = await becomeBoardDisplay();
        if (error) void message.error(errorText(error));
      },
    });
  };
  return (
    <Button type="primary" icon={<FullscreenOutlined />} onClick={open} data-testid="honours-fullscreen">
      {t('display.board')}
    </Button>
  );
}
