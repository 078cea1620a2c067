/**
 * The shell's page registry. To add a page: create it under pages/, then add one entry
 * here with its label key (in i18n/zh.ts and en.ts) and the roles that may see it. The
 * core checks roles again on every operation; hiding a page is only for a calm screen.
 */
import { lazy, type ComponentType } from 'react';
import type { Role } from '../../db/contract/index.js';
import type { MessageKey } from './i18n/index.js';
import { CounterPage } from './pages/counter/CounterPage.js';
import type { PageProps } from './pages/PageProps.js';

/**
 * Only the counter is in the first script: the other pages (and ECharts, which only the
 * statistics use) load when first opened, so the counter is usable sooner at start-up.
 */
const AccountingPage = lazy(() => import('./pages/accounting/AccountingPage.js').then((m) => ({ default: m.AccountingPage })));
const HouseholdsPage = lazy(() => import('./pages/households/HouseholdsPage.js').then((m) => ({ default: m.HouseholdsPage })));
const HonoursPage = lazy(() => import('./pages/points/HonoursPage.js').then((m) => ({ default: m.HonoursPage })));
const PointsPage = lazy(() => import('./pages/points/PointsPage.js').then((m) => ({ default: m.PointsPage })));
const ReceiptsPage = lazy(() => import('./pages/receipts/ReceiptsPage.js').then((m) => ({ default: m.ReceiptsPage })));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage.js').then((m) => ({ default: m.SettingsPage })));
const StockPage = lazy(() => import('./pages/stock/StockPage.js').then((m) => ({ default: m.StockPage })));

export interface NavEntry {
  key: string;
  labelKey: MessageKey;
  roles: readonly Role[];
  Page: ComponentType<PageProps>;
}

const EVERYONE: readonly Role[] = ['keeper', 'accountant', 'admin'];

export const NAV: readonly NavEntry[] = [
  { key: 'counter', labelKey: 'nav.counter', roles: EVERYONE, Page: CounterPage },
  { key: 'receipts', labelKey: 'nav.receipts', roles: EVERYONE, Page: ReceiptsPage },
  // Day close, exports and statistics: the accountant's daily job, so early in the menu.
  { key: 'dayClose', labelKey: 'nav.dayClose', roles: ['accountant', 'admin'], Page: AccountingPage },
  { key: 'goods', labelKey: 'nav.goods', roles: ['admin', 'accountant'], Page: StockPage },
  { key: 'households', labelKey: 'nav.households', roles: ['admin', 'accountant'], Page: HouseholdsPage },
  { key: 'reviews', labelKey: 'nav.reviews', roles: ['admin', 'accountant'], Page: PointsPage },
  { key: 'honours', labelKey: 'nav.honours', roles: EVERYONE, Page: HonoursPage },
  { key: 'settings', labelKey: 'nav.settings', roles: ['admin'], Page: SettingsPage },
];

export function navFor(role: Role): NavEntry[] {
  return NAV.filter((entry) => entry.roles.includes(role));
}
