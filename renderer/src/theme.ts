import type { ThemeConfig } from 'antd';

/** Calm colours, big controls: the counter is used standing, in a hurry, by non-specialists. */
export const theme: ThemeConfig = {
  // Styles come from antd's prebuilt stylesheet (imported in main.tsx) instead of being
  // generated in JavaScript on first render: the generation was most of the counter's
  // start-up CPU on the shop PC. The tokens below still apply, as CSS variables.
  zeroRuntime: true,
  token: {
    colorPrimary: '#c0392b', // the red of village notice boards, toned down
    fontSize: 16,
    fontSizeLG: 18,
    controlHeight: 40,
    controlHeightLG: 52,
    borderRadius: 8,
    fontFamily: "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px', bodyBg: '#f3f5f7' },
    Table: { cellPaddingBlock: 10 },
  },
};
