/**
 * The shell's page registry. To add a page: create it under pages/, then add one entry
 * here with its label key (in i18n/zh.ts and en.ts) and the roles that may see it. The
 * core checks roles again on every operation; hiding a page is only for a calm screen.
 */
import type { ComponentType } from 'react';
import type { Role } from '../../db/contract/index.js';
import type { MessageKey } from './i18n/index.js';
import { AccountingPage } from './pages/accounting/AccountingPage.js';
import { CounterPage } from './pages/counter/CounterPage.js';
import { HouseholdsPage } from './pages/households/HouseholdsPage.js';
import type { PageProps } from './pages/PageProps.js';
import { HonoursPage } from './pages/points/HonoursPage.js';
import { PointsPage } from './pages/points/PointsPage.js';
import { ReceiptsPage } from './pages/receipts/ReceiptsPage.js';
import { SettingsPage } from './pages/settings/SettingsPage.js';
import { StockPage } from './pages/stock/StockPage.js';

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
  // Placeholders: replace ComingSoonPage with the real page when it lands.
  { key: 'goods', labelKey: 'nav.goods', roles: ['admin', 'accountant'], Page: StockPage },
  { key: 'households', labelKey: 'nav.households', roles: ['admin', 'accountant'], Page: HouseholdsPage },
  { key: 'reviews', labelKey: 'nav.reviews', roles: ['admin', 'accountant'], Page: PointsPage },
  { key: 'honours', labelKey: 'nav.honours', roles: EVERYONE, Page: HonoursPage },
  { key: 'settings', labelKey: 'nav.settings', roles: ['admin'], Page: SettingsPage },
];

export function navFor(role: Role): NavEntry[] {
  return NAV.filter((entry) => entry.roles.includes(role));
}
